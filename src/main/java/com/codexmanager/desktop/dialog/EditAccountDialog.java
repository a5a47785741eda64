package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.panel.ErrorText;
import com.codexmanager.desktop.ui.Ui;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Component;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.Arrays;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextField;

/**
 * Edits an account's label, group, tags, note and its own upstream proxy ({@code account/update}). The proxy field
 * shows a stored password as {@code ***}; leaving it so keeps the password, emptying the field returns the account to
 * the global proxy. EDT only.
 */
public final class EditAccountDialog {
    private final DesktopContext ctx;
    private final AccountsApi api;
    private final AccountRow account;
    private final Runnable onSaved;

    public EditAccountDialog(DesktopContext ctx, AccountsApi api, AccountRow account, Runnable onSaved) {
        this.ctx = ctx;
        this.api = api;
        this.account = account;
        this.onSaved = onSaved;
    }

    public void open(Component parent) {
        JTextField label = field("edit-label", account.label());
        GroupField group = new GroupField(ctx.pool().current().groups(), account.groupName(),
                ctx.text("accounts.noGroup"));
        group.setName("edit-group");
        JTextField tags = field("edit-tags", String.join(", ", account.tags()));
        JTextField note = field("edit-note", account.note());
        JTextField proxy = field("edit-proxy", account.proxyUrl());
        proxy.putClientProperty(com.formdev.flatlaf.FlatClientProperties.PLACEHOLDER_TEXT,
                ctx.text("edit.proxyGlobal"));
        proxy.setToolTipText(ctx.text("edit.proxyHint"));
        JPanel form = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(Ui.scale(4), 0, Ui.scale(4), Ui.scale(10));
        c.anchor = GridBagConstraints.WEST;
        int y = 0;
        for (Object[] row : new Object[][] {{"login.label", label}, {"login.group", group}, {"login.tags", tags},
                {"login.note", note}, {"edit.proxy", proxy}}) {
            c.gridy = y++;
            c.gridx = 0;
            form.add(new JLabel(ctx.text((String) row[0])), c);
            c.gridx = 1;
            form.add((Component) row[1], c);
        }
        int answer = JOptionPane.showConfirmDialog(parent, form, ctx.text("edit.title", account.displayName()),
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.PLAIN_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            return;
        }
        JsonObject patch = new JsonObject();
        patch.addProperty("label", label.getText().trim());
        patch.addProperty("groupName", group.group());
        patch.addProperty("note", note.getText().trim());
        JsonArray tagArray = new JsonArray();
        Arrays.stream(tags.getText().split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(tagArray::add);
        patch.add("tags", tagArray);
        if (!proxy.getText().trim().equals(account.proxyUrl())) {
            patch.addProperty("proxyUrl", proxy.getText().trim());
        }
        ctx.jobs().deliver(api.update(account.id(), patch), ok -> onSaved.run(),
                error -> JOptionPane.showMessageDialog(parent, ErrorText.of(ctx.messages(), error),
                        ctx.text("accounts.edit"), JOptionPane.WARNING_MESSAGE));
    }

    private static JTextField field(String name, String value) {
        JTextField field = new JTextField(value, 24);
        field.setName(name);
        return field;
    }
}
