package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.KeysApi;
import com.codexmanager.desktop.panel.ErrorText;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.WrappingLabel;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.time.Clock;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JPanel;

/**
 * Creates a platform key from a {@link KeyForm}. On success the key is shown once by {@link KeyCreatedDialog}; a
 * refusal shows the service's message under the fields, wrapped, so the form keeps its shape. EDT only.
 */
public final class CreateKeyDialog {
    private final DesktopContext ctx;
    private final KeysApi api;
    private final Runnable onCreated;
    private final KeyForm form;
    private final WrappingLabel error = new WrappingLabel(320);
    private JDialog dialog;

    public CreateKeyDialog(DesktopContext ctx, KeysApi api, Runnable onCreated) {
        this.ctx = ctx;
        this.api = api;
        this.onCreated = onCreated;
        this.form = new KeyForm(ctx, Clock.systemUTC());
    }

    public JDialog open(Component parent) {
        error.setName("key.error");
        Ui.style(error, "foreground: $CodexManager.bad");
        form.below(error);
        JButton cancel = new JButton(ctx.text("common.cancel"));
        cancel.setName("key.cancel");
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
        root.add(form.component(), BorderLayout.CENTER);
        root.add(buttons, BorderLayout.SOUTH);
        dialog = Dialogs.modeless(parent, ctx.text("keys.createTitle"), "createKeyDialog", root);
        dialog.getRootPane().setDefaultButton(create);
        form.onLayoutChange(dialog::pack);
        dialog.setVisible(true);
        form.focusName();
        ctx.jobs().deliver(api.models(), form::offerModels, e -> { });
        return dialog;
    }

    private void submit(JButton create) {
        String problem = form.problem();
        if (problem != null) {
            showError(ctx.text(problem));
            return;
        }
        create.setEnabled(false);
        ctx.jobs().deliver(api.create(form.draft()), created -> {
            dialog.dispose();
            onCreated.run();
            new KeyCreatedDialog(ctx, created).open(dialog.getOwner());
        }, failure -> {
            create.setEnabled(true);
            showError(ErrorText.of(ctx.messages(), failure));
        });
    }

    private void showError(String text) {
        error.setMessage(text);
        dialog.pack();
    }
}
