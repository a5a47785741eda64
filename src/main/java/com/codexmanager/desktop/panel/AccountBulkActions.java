package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.dialog.GroupField;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.ui.Ui;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.awt.BorderLayout;
import java.awt.Component;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;

/**
 * What the accounts page does to the selected rows, one or many: enable, disable, set group and delete (deleting
 * asks first, and many go in one transaction). Afterwards the page and the shared pool reload; a failure shows the
 * service's message. EDT only.
 */
final class AccountBulkActions {
    private final DesktopContext ctx;
    private final AccountsApi api;
    private final Component parent;
    private final Runnable reload;

    AccountBulkActions(DesktopContext ctx, AccountsApi api, Component parent, Runnable reload) {
        this.ctx = ctx;
        this.api = api;
        this.parent = parent;
        this.reload = reload;
    }

    void enable(List<AccountRow> accounts) {
        setStatus(accounts.stream().filter(AccountRow::disabled).toList(), "active");
    }

    void disable(List<AccountRow> accounts) {
        setStatus(accounts.stream().filter(a -> !a.disabled()).toList(), "disabled");
    }

    private void setStatus(List<AccountRow> accounts, String status) {
        run(updateEach(accounts, a -> {
            JsonObject patch = new JsonObject();
            patch.addProperty("status", status);
            return patch;
        }));
    }

    /** Asks for a group (offering those in use) and puts every selected account in it; blank removes the group. */
    void setGroup(List<AccountRow> accounts) {
        String current = accounts.stream().map(AccountRow::groupName).distinct().count() == 1
                ? accounts.get(0).groupName() : "";
        GroupField field = new GroupField(ctx.pool().current().groups(), current, ctx.text("accounts.noGroup"));
        field.setName("accounts-groupField");
        JPanel form = new JPanel(new BorderLayout(0, Ui.scale(6)));
        form.add(new JLabel(ctx.text("accounts.setGroupQuestion", accounts.size())), BorderLayout.NORTH);
        form.add(field, BorderLayout.CENTER);
        int answer = JOptionPane.showConfirmDialog(parent, form, ctx.text("accounts.setGroupTitle"),
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.PLAIN_MESSAGE);
        if (answer != JOptionPane.OK_OPTION) {
            return;
        }
        String group = field.group();
        run(updateEach(accounts, a -> {
            JsonObject patch = new JsonObject();
            if (group.isEmpty()) {
                patch.add("groupName", JsonNull.INSTANCE);
            } else {
                patch.addProperty("groupName", group);
            }
            return patch;
        }));
    }

    void delete(List<AccountRow> accounts) {
        String question = accounts.size() == 1 ? ctx.text("accounts.deleteConfirm", accounts.get(0).displayName())
                : ctx.text("accounts.deleteManyConfirm", accounts.size());
        int answer = JOptionPane.showConfirmDialog(parent, question, ctx.text("accounts.delete"),
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE);
        if (answer == JOptionPane.OK_OPTION) {
            run(accounts.size() == 1 ? api.delete(accounts.get(0).id())
                    : api.deleteMany(accounts.stream().map(AccountRow::id).toList()));
        }
    }

    private CompletableFuture<Void> updateEach(List<AccountRow> accounts, Function<AccountRow, JsonObject> patch) {
        return CompletableFuture.allOf(accounts.stream().map(a -> api.update(a.id(), patch.apply(a)))
                .toArray(CompletableFuture[]::new));
    }

    private void run(CompletableFuture<Void> change) {
        ctx.jobs().deliver(change, ok -> {
            reload.run();
            ctx.pool().refresh();
        }, error -> {
            reload.run();
            JOptionPane.showMessageDialog(parent, ErrorText.of(ctx.messages(), error), ctx.text("page.accounts"),
                    JOptionPane.WARNING_MESSAGE);
        });
    }
}
