package com.codexmanager.gateway;

import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.util.function.Supplier;

/**
 * The gateway's settings and model aliases, derived once per settings snapshot rather than per request: the live
 * snapshot is compared by identity (a change always makes a new one) and the derived view is rebuilt only then.
 * Thread-safe.
 */
final class GatewayConfig {
    /** What one settings snapshot means to the gateway. Immutable. */
    record View(Settings source, GatewaySettings settings, ModelAliases aliases) {
        static View of(Settings source) {
            return new View(source, GatewaySettings.from(source),
                    ModelAliases.parse(source.text(Setting.CLAUDE_MODEL_MAP)));
        }
    }

    private final Supplier<Settings> settings;
    private volatile View current;

    GatewayConfig(Supplier<Settings> settings) {
        this.settings = settings;
        this.current = View.of(settings.get());
    }

    View current() {
        Settings now = settings.get();
        View view = current;
        if (view.source() != now) {
            view = View.of(now);
            current = view;
        }
        return view;
    }
}
