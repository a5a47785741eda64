package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.KeysApi;
import com.codexmanager.desktop.panel.ErrorText;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import com.google.gson.JsonObject;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;

/**
 * Creates a platform key: name, protocol (OpenAI / Anthropic / Azure OpenAI with endpoint and API key), model
 * binding or "follow request", reasoning effort, account group and expiry. On success the key is shown once by
 * {@link KeyCreatedDialog}. EDT only.
 */
public final class CreateKeyDialog {
    /** A combo entry: the value sent and the text shown. */
    private record Option(String value, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final DesktopContext ctx;
    private final KeysApi api;
    private final Runnable onCreated;
    private final JTextField name = new JTextField(24);
    private final JComboBox<Option> protocol = new JComboBox<>();
    private final JTextField azureEndpoint = new JTextField(24);
    private final JPasswordField azureKey = new JPasswordField(24);
    private final JComboBox<Option> model = new JComboBox<>();
    private final JComboBox<Option> effort = new JComboBox<>();
    private final JTextField group = new JTextField(24);
    private final JComboBox<Option> expiry = new JComboBox<>();
    private final JLabel error = new JLabel(" ");
    private final JLabel azureEndpointLabel;
    private final JLabel azureKeyLabel;
    private JDialog dialog;

    public CreateKeyDialog(DesktopContext ctx, KeysApi api, Runnable onCreated) {
        this.ctx = ctx;
        this.api = api;
        this.onCreated = onCreated;
        azureEndpointLabel = new JLabel(ctx.text("keys.azureEndpoint"));
        azureKeyLabel = new JLabel(ctx.text("keys.azureKey"));
    }

    public JDialog open(Component parent) {
        JComponent form = build();
        updateAzure(); // hides the Azure fields before the dialog is sized
        dialog = Dialogs.modeless(parent, ctx.text("keys.createTitle"), "createKeyDialog", form);
        dialog.setVisible(true);
        ctx.jobs().deliver(api.models(), models -> models.forEach(m -> model.addItem(
                new Option(m.slug(), m.displayName()))), e -> { });
        return dialog;
    }

    private JComponent build() {
        name.setName("key.name");
        protocol.setName("key.protocol");
        azureEndpoint.setName("key.azureEndpoint");
        azureKey.setName("key.azureKey");
        model.setName("key.model");
        effort.setName("key.effort");
        group.setName("key.group");
        expiry.setName("key.expiry");
        error.setName("key.error");
        Ui.style(error, "foreground: $CodexManager.bad");
        protocol.addItem(new Option("openai", ctx.text("keys.protocol.openai")));
        protocol.addItem(new Option("anthropic", ctx.text("keys.protocol.anthropic")));
        protocol.addItem(new Option("azure_openai", ctx.text("keys.protocol.azure")));
        protocol.addActionListener(e -> updateAzure());
        model.addItem(new Option("", ctx.text("keys.followRequest")));
        effort.addItem(new Option("", ctx.text("keys.followRequest")));
        for (String level : List.of("low", "medium", "high", "xhigh")) {
            effort.addItem(new Option(level, level));
        }
        expiry.addItem(new Option("", ctx.text("keys.expiry.never")));
        expiry.addItem(new Option("7", ctx.text("keys.expiry.days", 7)));
        expiry.addItem(new Option("30", ctx.text("keys.expiry.days", 30)));
        expiry.addItem(new Option("90", ctx.text("keys.expiry.days", 90)));
        group.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, ctx.text("keys.anyGroup"));
        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(Ui.pad(18, 20, 6, 20));
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(Ui.scale(4), 0, Ui.scale(4), Ui.scale(10));
        c.gridy = 0;
        row(form, c, new JLabel(ctx.text("keys.name")), name);
        row(form, c, new JLabel(ctx.text("keys.protocol")), protocol);
        row(form, c, azureEndpointLabel, azureEndpoint);
        row(form, c, azureKeyLabel, azureKey);
        row(form, c, new JLabel(ctx.text("keys.model")), model);
        row(form, c, new JLabel(ctx.text("keys.effort")), effort);
        row(form, c, new JLabel(ctx.text("keys.group")), group);
        row(form, c, new JLabel(ctx.text("keys.expiry")), expiry);
        c.gridy++;
        c.gridx = 1;
        form.add(error, c);
        JButton cancel = new JButton(ctx.text("common.cancel"));
        cancel.addActionListener(e -> dialog.dispose());
        JButton create = new JButton(ctx.text("keys.create"));
        create.setName("key.submit");
        create.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        create.addActionListener(e -> submit(create));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.setBorder(Ui.pad(0, 12, 10, 12));
        buttons.add(cancel);
        buttons.add(create);
        JPanel root = new JPanel(new BorderLayout());
        root.add(form, BorderLayout.CENTER);
        root.add(buttons, BorderLayout.SOUTH);
        return root;
    }

    private static void row(JPanel form, GridBagConstraints c, JLabel label, JComponent field) {
        c.gridy++;
        c.gridx = 0;
        c.fill = GridBagConstraints.NONE;
        form.add(label, c);
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        form.add(field, c);
    }

    private void updateAzure() {
        boolean azure = "azure_openai".equals(((Option) protocol.getSelectedItem()).value());
        for (JComponent c : List.of(azureEndpoint, azureKey, azureEndpointLabel, azureKeyLabel)) {
            c.setVisible(azure);
        }
        if (dialog != null) {
            dialog.pack();
        }
    }

    private void submit(JButton create) {
        if (name.getText().isBlank()) {
            error.setText(ctx.text("keys.nameRequired"));
            return;
        }
        JsonObject params = new JsonObject();
        params.addProperty("name", name.getText().trim());
        String protocolValue = ((Option) protocol.getSelectedItem()).value();
        params.addProperty("protocolType", protocolValue);
        if ("azure_openai".equals(protocolValue)) {
            params.addProperty("upstreamBaseUrl", azureEndpoint.getText().trim());
            params.addProperty("upstreamApiKey", new String(azureKey.getPassword()));
        }
        putIfSet(params, "modelSlug", model);
        putIfSet(params, "reasoningEffort", effort);
        if (!group.getText().isBlank()) {
            params.addProperty("accountGroupFilter", group.getText().trim());
        }
        String days = ((Option) expiry.getSelectedItem()).value();
        if (!days.isEmpty()) {
            params.addProperty("expiresInDays", Integer.parseInt(days));
        }
        create.setEnabled(false);
        ctx.jobs().deliver(api.create(params), created -> {
            dialog.dispose();
            onCreated.run();
            new KeyCreatedDialog(ctx, created).open(dialog.getOwner());
        }, failure -> {
            create.setEnabled(true);
            error.setText(ErrorText.of(ctx.messages(), failure));
        });
    }

    private static void putIfSet(JsonObject params, String key, JComboBox<Option> combo) {
        Option option = (Option) combo.getSelectedItem();
        if (option != null && !option.value().isEmpty()) {
            params.addProperty(key, option.value());
        }
    }
}
