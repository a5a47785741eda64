package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.KeyRow;
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
 * Edits every setting of an existing platform key ({@code apikey/update}) in the same {@link KeyForm} the create
 * dialog uses. The secret itself cannot change; an Azure API key is replaced only when a new one is typed. EDT only.
 */
public final class EditKeyDialog {
    private final DesktopContext ctx;
    private final KeysApi api;
    private final KeyRow key;
    private final Runnable onSaved;
    private final KeyForm form;
    private final WrappingLabel error = new WrappingLabel(320);
    private JDialog dialog;

    public EditKeyDialog(DesktopContext ctx, KeysApi api, KeyRow key, Runnable onSaved) {
        this.ctx = ctx;
        this.api = api;
        this.key = key;
        this.onSaved = onSaved;
        this.form = new KeyForm(ctx, Clock.systemUTC());
    }

    public JDialog open(Component parent) {
        form.load(key);
        error.setName("key.error");
        Ui.style(error, "foreground: $CodexManager.bad");
        form.below(error);
        JButton cancel = new JButton(ctx.text("common.cancel"));
        cancel.setName("key.cancel");
        cancel.addActionListener(e -> dialog.dispose());
        JButton save = new JButton(ctx.text("common.save"));
        save.setName("key.save");
        save.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        save.addActionListener(e -> submit(save));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.setBorder(Ui.pad(0, 12, 10, 12));
        buttons.add(cancel);
        buttons.add(save);
        JPanel root = new JPanel(new BorderLayout());
        root.add(form.component(), BorderLayout.CENTER);
        root.add(buttons, BorderLayout.SOUTH);
        dialog = Dialogs.modeless(parent, ctx.text("keys.editTitle", key.name()), "editKeyDialog", root);
        dialog.getRootPane().setDefaultButton(save);
        form.onLayoutChange(dialog::pack);
        dialog.setVisible(true);
        ctx.jobs().deliver(api.models(), form::offerModels, e -> { });
        return dialog;
    }

    private void submit(JButton save) {
        String problem = form.problem();
        if (problem != null) {
            showError(ctx.text(problem));
            return;
        }
        save.setEnabled(false);
        ctx.jobs().deliver(api.update(key.id(), form.draft()), ok -> {
            dialog.dispose();
            onSaved.run();
        }, failure -> {
            save.setEnabled(true);
            showError(ErrorText.of(ctx.messages(), failure));
        });
    }

    private void showError(String text) {
        error.setMessage(text);
        dialog.pack();
    }
}
