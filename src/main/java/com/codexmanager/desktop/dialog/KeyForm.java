package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.KeyDraft;
import com.codexmanager.desktop.model.KeyRow;
import com.codexmanager.desktop.model.KeysApi;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;

/**
 * The fields of a platform key, shared by the create and the edit dialog: name, protocol (with the Azure endpoint
 * and API key), model binding, reasoning effort, allowed models, account group, expiry and the limits (requests per
 * minute, tokens per day). It reads a
 * {@link KeyRow} in and gives a {@link KeyDraft} out; each setting is one labelled row, so a new key setting is one
 * more row here and one more field of the draft. EDT only.
 */
final class KeyForm {
    /** A combo entry: the value sent and the text shown. */
    private record Option(String value, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** An expiry choice: never, a number of days from now, or the date the key has now. */
    private record Expiry(String label, Duration fromNow, Instant keep) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh");

    private final DesktopContext ctx;
    private final Clock clock;
    private final JTextField name = new JTextField(24);
    private final JComboBox<Option> protocol = new JComboBox<>();
    private final JTextField azureEndpoint = new JTextField(24);
    private final JPasswordField azureKey = new JPasswordField(24);
    private final JComboBox<Option> model = new JComboBox<>();
    private final JComboBox<Option> effort = new JComboBox<>();
    private final JTextField allowed = new JTextField(24);
    private final GroupField group;
    private final JComboBox<Expiry> expiry = new JComboBox<>();
    private final JTextField perMinute = new JTextField(10);
    private final JTextField perDay = new JTextField(10);
    private final JLabel azureEndpointLabel;
    private final JLabel azureKeyLabel;
    private final JPanel panel = new JPanel(new GridBagLayout());
    private final GridBagConstraints c = new GridBagConstraints();
    private Runnable onLayoutChange = () -> { };

    KeyForm(DesktopContext ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
        this.group = new GroupField(ctx.pool().current().groups(), "", ctx.text("keys.anyGroup"));
        azureEndpointLabel = new JLabel(ctx.text("keys.azureEndpoint"));
        azureKeyLabel = new JLabel(ctx.text("keys.azureKey"));
        build();
    }

    private void build() {
        name.setName("key.name");
        protocol.setName("key.protocol");
        azureEndpoint.setName("key.azureEndpoint");
        azureKey.setName("key.azureKey");
        model.setName("key.model");
        effort.setName("key.effort");
        allowed.setName("key.allowedModels");
        group.setName("key.group");
        expiry.setName("key.expiry");
        perMinute.setName("key.requestsPerMinute");
        perDay.setName("key.tokensPerDay");
        for (JTextField limit : List.of(perMinute, perDay)) {
            limit.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, ctx.text("keys.noLimit"));
        }
        perMinute.setToolTipText(ctx.text("keys.requestsPerMinuteHint"));
        perDay.setToolTipText(ctx.text("keys.tokensPerDayHint"));
        protocol.addItem(new Option("openai", ctx.text("keys.protocol.openai")));
        protocol.addItem(new Option("anthropic", ctx.text("keys.protocol.anthropic")));
        protocol.addItem(new Option("azure_openai", ctx.text("keys.protocol.azure")));
        protocol.addActionListener(e -> updateAzure());
        azureEndpoint.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "https://….openai.azure.com");
        model.addItem(new Option("", ctx.text("keys.followRequest")));
        effort.addItem(new Option("", ctx.text("keys.followRequest")));
        EFFORTS.forEach(level -> effort.addItem(new Option(level, level)));
        allowed.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, ctx.text("keys.anyModel"));
        allowed.setToolTipText(ctx.text("keys.allowedModelsHint"));
        expiry.addItem(new Expiry(ctx.text("keys.expiry.never"), null, null));
        for (int days : new int[] {7, 30, 90, 365}) {
            expiry.addItem(new Expiry(ctx.text("keys.expiry.days", days), Duration.ofDays(days), null));
        }
        panel.setBorder(Ui.pad(18, 20, 6, 20));
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(Ui.scale(4), 0, Ui.scale(4), Ui.scale(10));
        c.gridy = 0;
        row(new JLabel(ctx.text("keys.name")), name);
        row(new JLabel(ctx.text("keys.protocol")), protocol);
        row(azureEndpointLabel, azureEndpoint);
        row(azureKeyLabel, azureKey);
        row(new JLabel(ctx.text("keys.model")), model);
        row(new JLabel(ctx.text("keys.effort")), effort);
        row(new JLabel(ctx.text("keys.allowedModels")), allowed);
        row(new JLabel(ctx.text("keys.group")), group);
        row(new JLabel(ctx.text("keys.expiry")), expiry);
        row(new JLabel(ctx.text("keys.requestsPerMinute")), perMinute);
        row(new JLabel(ctx.text("keys.tokensPerDay")), perDay);
        updateAzure();
    }

    /** Adds a labelled row; rows keep the order they are added in. */
    void row(JLabel label, JComponent field) {
        c.gridy++;
        c.gridx = 0;
        c.fill = GridBagConstraints.NONE;
        c.weightx = 0;
        panel.add(label, c);
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        panel.add(field, c);
    }

    /** Adds a component under the fields column (the dialog's error line). */
    void below(JComponent component) {
        c.gridy++;
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        panel.add(component, c);
    }

    JComponent component() {
        return panel;
    }

    /** Called after fields were shown or hidden, so the dialog can re-pack. */
    void onLayoutChange(Runnable action) {
        this.onLayoutChange = action;
    }

    /** Offers the service's models for binding (keeps a bound model that the list does not name). */
    void offerModels(List<KeysApi.Model> models) {
        Option selected = (Option) model.getSelectedItem();
        for (KeysApi.Model m : models) {
            if (indexOf(model, m.slug()) < 0) {
                model.addItem(new Option(m.slug(), m.displayName()));
            }
        }
        if (selected != null) {
            model.setSelectedIndex(Math.max(0, indexOf(model, selected.value())));
        }
    }

    /** Fills the fields from an existing key; its Azure key stays unknown (typing one replaces it). */
    void load(KeyRow key) {
        name.setText(key.name());
        protocol.setSelectedIndex(Math.max(0, indexOf(protocol, key.protocol())));
        azureEndpoint.setText(key.upstreamBaseUrl());
        azureKey.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT,
                ctx.text(key.hasAzureApiKey() ? "keys.azureKeyStored" : "keys.azureKeyMissing"));
        choose(model, key.model());
        choose(effort, key.reasoningEffort());
        allowed.setText(String.join(", ", key.allowedModels()));
        group.setGroup(key.accountGroup());
        perMinute.setText(key.limits().requestsPerMinute() == null ? "" : key.limits().requestsPerMinute().toString());
        perDay.setText(key.limits().tokensPerDay() == null ? "" : key.limits().tokensPerDay().toString());
        if (key.expiresAt() != null) {
            Formats formats = new Formats(ctx.messages(), ZoneId.systemDefault());
            Expiry keep = new Expiry(ctx.text("keys.expiry.keep", formats.full(key.expiresAt())), null,
                    key.expiresAt());
            expiry.insertItemAt(keep, 0);
            expiry.setSelectedItem(keep);
        }
        updateAzure();
    }

    private static void choose(JComboBox<Option> combo, String value) {
        if (value.isBlank()) {
            combo.setSelectedIndex(0);
            return;
        }
        if (indexOf(combo, value) < 0) {
            combo.addItem(new Option(value, value));
        }
        combo.setSelectedIndex(indexOf(combo, value));
    }

    private static int indexOf(JComboBox<Option> combo, String value) {
        for (int i = 0; i < combo.getItemCount(); i++) {
            if (combo.getItemAt(i).value().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The message key of the first problem a user can fix before sending, or {@code null}. */
    String problem() {
        if (name.getText().isBlank()) {
            return "keys.nameRequired";
        }
        if (azure() && azureEndpoint.getText().isBlank()) {
            return "keys.azureEndpointRequired";
        }
        if (!limitValid(perMinute, 10_000) || !limitValid(perDay, 1_000_000_000_000L)) {
            return "keys.limitInvalid";
        }
        return null;
    }

    /** Blank (no limit) or a whole number from 1 to {@code max}. */
    private static boolean limitValid(JTextField field, long max) {
        String text = field.getText().trim();
        if (text.isEmpty()) {
            return true;
        }
        try {
            long value = Long.parseLong(text);
            return value >= 1 && value <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Long limit(JTextField field) {
        String text = field.getText().trim();
        return text.isEmpty() ? null : Long.valueOf(text);
    }

    KeyDraft draft() {
        Expiry chosen = (Expiry) expiry.getSelectedItem();
        Instant expiresAt = chosen == null ? null : chosen.keep() != null ? chosen.keep()
                : chosen.fromNow() == null ? null : clock.instant().plus(chosen.fromNow());
        List<String> allowedModels = Arrays.stream(allowed.getText().split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        Long rpm = limit(perMinute);
        return new KeyDraft(name.getText(), value(protocol), value(model), value(effort), allowedModels,
                group.group(), expiresAt, azureEndpoint.getText(), new String(azureKey.getPassword()),
                new KeyRow.Limits(rpm == null ? null : rpm.intValue(), limit(perDay)));
    }

    private static String value(JComboBox<Option> combo) {
        Option option = (Option) combo.getSelectedItem();
        return option == null ? "" : option.value();
    }

    private boolean azure() {
        return "azure_openai".equals(value(protocol));
    }

    private void updateAzure() {
        for (JComponent component : List.of(azureEndpoint, azureKey, azureEndpointLabel, azureKeyLabel)) {
            component.setVisible(azure());
        }
        onLayoutChange.run();
    }

    void focusName() {
        name.requestFocusInWindow();
    }
}
