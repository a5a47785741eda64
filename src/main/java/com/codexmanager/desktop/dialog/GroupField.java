package com.codexmanager.desktop.dialog;

import com.formdev.flatlaf.FlatClientProperties;
import java.util.List;
import javax.swing.JComboBox;

/**
 * An editable combo for an account group: it offers the groups already in use and takes a new name typed in. Blank
 * means "none" (or "any", where the placeholder says so). EDT only.
 */
public final class GroupField extends JComboBox<String> {
    public GroupField(List<String> existing, String value, String placeholder) {
        setEditable(true);
        addItem("");
        existing.forEach(this::addItem);
        setSelectedItem(value);
        putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, placeholder);
        setPrototypeDisplayValue("XXXXXXXXXXXXXXXXXXXXXXXX");
    }

    /** Names the text field inside too ({@code NAME.text}), so tests can type into it. */
    @Override
    public void setName(String name) {
        super.setName(name);
        getEditor().getEditorComponent().setName(name + ".text");
    }

    /** The group typed or chosen, trimmed; blank for none. */
    public String group() {
        Object typed = getEditor().getItem();
        return typed == null ? "" : typed.toString().trim();
    }

    /** Types {@code text} into the field (tests and programmatic fills). */
    public void setGroup(String text) {
        setSelectedItem(text);
        getEditor().setItem(text);
    }
}
