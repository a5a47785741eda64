package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.SettingItem;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.WrappingLabel;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.FlowLayout;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.util.Objects;
import java.util.function.BiConsumer;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;

/**
 * One setting on the settings page: label and hint on the left; on the right the editor that fits its type, the
 * env-pin or restart notes, a reset button and the inline validation message. Commits go to {@code onCommit}
 * ({@code null} value = reset to default). EDT only.
 */
final class SettingRow {
    /** Notes and errors wrap at the editor column's width instead of widening it past a narrow window. */
    private static final int NOTE_WIDTH = 260;

    /** A choice shown by its translated name. */
    private record Choice(String value, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final Messages messages;
    private final BiConsumer<SettingItem, Object> onCommit;
    private final JPanel left = new JPanel();
    private final JPanel right = new JPanel() {
        @Override
        public java.awt.Dimension getPreferredSize() {
            // one editor column width across all group cards keeps the fields aligned page-wide
            java.awt.Dimension size = super.getPreferredSize();
            return new java.awt.Dimension(Math.max(size.width, Ui.scale(280)), size.height);
        }
    };
    private final WrappingLabel error = new WrappingLabel(NOTE_WIDTH);
    private final JComponent editor;
    private final String labelText;
    private final String helpText;
    private final JButton reset;
    private SettingItem item;
    private boolean updating;
    /** The text last sent to the service from this row's field; its answer replaces it even while focused. */
    private String committedText;

    SettingRow(Messages messages, SettingItem item, BiConsumer<SettingItem, Object> onCommit) {
        this.messages = messages;
        this.item = item;
        this.onCommit = onCommit;
        left.setOpaque(false);
        left.setLayout(new BoxLayout(left, BoxLayout.Y_AXIS));
        labelText = SettingTexts.label(messages, item);
        helpText = SettingTexts.help(messages, item);
        JLabel label = Ui.label(labelText, "semibold");
        label.setName("settingLabel." + item.key());
        left.add(label);
        JLabel help = Ui.hint("<html><div style='width:" + Ui.scale(230) + "px'>" + escape(helpText)
                + "</div></html>");
        help.setName("settingHelp." + item.key());
        help.setBorder(Ui.pad(2, 0, 0, 0));
        left.add(help);
        editor = buildEditor();
        editor.setName("setting." + item.key());
        reset = new JButton(Ui.icon("undo"));
        reset.setName("reset." + item.key());
        reset.setToolTipText(messages.text("settings.reset"));
        reset.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_TOOLBAR_BUTTON);
        reset.addActionListener(e -> onCommit.accept(this.item, null));
        right.setOpaque(false);
        right.setLayout(new BoxLayout(right, BoxLayout.Y_AXIS));
        JPanel line = new JPanel(new FlowLayout(FlowLayout.LEFT, Ui.scale(6), 0));
        line.setOpaque(false);
        line.add(editor);
        line.add(reset);
        line.setAlignmentX(0f);
        right.add(line);
        WrappingLabel note = Ui.styled(new WrappingLabel(NOTE_WIDTH), "small");
        note.setMessage(note());
        note.setName("settingNote." + item.key());
        note.setBorder(Ui.pad(3, 2, 0, 0));
        note.setVisible(!note.message().isEmpty());
        right.add(note);
        error.setName("settingError." + item.key());
        error.setBorder(Ui.pad(3, 2, 0, 0));
        Ui.style(error, "foreground: $CodexManager.bad");
        error.setVisible(false);
        right.add(error);
        refreshState();
    }

    JComponent left() {
        return left;
    }

    String key() {
        return item.key();
    }

    String group() {
        return item.group();
    }

    boolean basic() {
        return SettingTexts.basic(item);
    }

    /** Whether every word of {@code query} occurs in the label, the help, the key or the variable name. */
    boolean matches(String query) {
        String haystack = (labelText + " " + helpText + " " + item.key() + " " + item.env())
                .toLowerCase(java.util.Locale.ROOT);
        for (String word : query.toLowerCase(java.util.Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    JComponent right() {
        return right;
    }

    private String note() {
        if (item.pinnedByEnv()) {
            return messages.text("settings.pinnedByEnv", item.env());
        }
        if (!item.editable()) {
            return messages.text("settings.envOnly", item.env());
        }
        return item.requiresRestart() ? messages.text("settings.requiresRestart") : "";
    }

    private JComponent buildEditor() {
        if (!item.choices().isEmpty()) {
            JComboBox<Choice> combo = new JComboBox<>();
            for (String value : item.choices()) {
                combo.addItem(new Choice(value, SettingTexts.choice(messages, item.key(), value)));
            }
            combo.addActionListener(e -> {
                Choice chosen = (Choice) combo.getSelectedItem();
                if (!updating && chosen != null && !chosen.value().equals(item.value())) {
                    onCommit.accept(item, chosen.value());
                }
            });
            return combo;
        }
        if ("boolean".equals(item.type()) || "flag".equals(item.type())) {
            JCheckBox box = new JCheckBox(messages.text("settings.enabled"));
            box.addActionListener(e -> {
                if (!updating && box.isSelected() != item.bool()) {
                    onCommit.accept(item, box.isSelected());
                }
            });
            return box;
        }
        JTextField field = item.secret() ? new JPasswordField(20)
                : new JTextField("integer".equals(item.type()) ? 10 : 20);
        field.addActionListener(e -> commitText(field));
        field.addFocusListener(new FocusAdapter() {
            @Override
            public void focusLost(FocusEvent e) {
                commitText(field);
            }
        });
        return field;
    }

    private void commitText(JTextField field) {
        if (updating) {
            return;
        }
        String text = field.getText().trim();
        if (item.secret()) {
            if (!text.isEmpty()) {
                onCommit.accept(item, text);
            }
            return;
        }
        if (!text.equals(item.value())) {
            committedText = text;
            onCommit.accept(item, text.isEmpty() ? null : text);
        }
    }

    /** Shows a newer snapshot of this setting (after any save). */
    void update(SettingItem newItem) {
        boolean changed = !Objects.equals(newItem, item);
        item = newItem;
        if (changed) {
            refreshState();
        }
    }

    private void refreshState() {
        updating = true;
        try {
            if (editor instanceof JComboBox<?> combo) {
                for (int i = 0; i < combo.getItemCount(); i++) {
                    if (((Choice) combo.getItemAt(i)).value().equals(item.value())) {
                        combo.setSelectedIndex(i);
                    }
                }
            } else if (editor instanceof JCheckBox box) {
                box.setSelected(item.bool());
            } else if (editor instanceof JPasswordField secret) {
                secret.setText("");
                secret.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT,
                        messages.text(item.isSet() ? "settings.secretSet" : "settings.secretNotSet"));
            } else if (editor instanceof JTextField field) {
                // the service's form of what was just saved (normalised, a proxy password masked) replaces the
                // typed text; other refreshes leave a field being edited alone
                if (!field.hasFocus() || field.getText().trim().equals(committedText)) {
                    field.setText(item.value());
                }
                field.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, item.defaultValue());
                // a read-only field is disabled and cannot scroll, so a long value (a data-dir path) shows here
                field.setToolTipText(item.editable() || item.value().isEmpty() ? null : item.value());
            }
            editor.setEnabled(item.editable());
            reset.setVisible(item.editable() && item.stored());
        } finally {
            updating = false;
        }
    }

    void showError(String message) {
        error.setMessage(message);
        error.setVisible(true);
        editor.putClientProperty(FlatClientProperties.OUTLINE, FlatClientProperties.OUTLINE_ERROR);
        right.revalidate();
    }

    void clearError() {
        if (error.isVisible()) {
            error.setVisible(false);
            editor.putClientProperty(FlatClientProperties.OUTLINE, null);
            right.revalidate();
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
