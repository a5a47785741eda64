package com.codexmanager.desktop.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-visible strings of one language, from {@code i18n/messages*.properties} (English is the base bundle).
 * Keys are literals at the call site ({@code messages.text("menu.quit")}) so tests can check them. A missing key
 * shows as {@code !key!} rather than failing. Immutable and thread-safe.
 */
public final class Messages {
    public static final String BUNDLE = "i18n.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    public static Messages of(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(bundle, locale);
    }

    public Locale locale() {
        return locale;
    }

    public boolean chinese() {
        return "zh".equals(locale.getLanguage());
    }

    /** The text for {@code key}, with {@code {0}}-style placeholders filled from {@code args}. */
    public String text(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** Whether {@code key} exists (for settings the service knows but this desktop build does not). */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
