package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.AccountOrder;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.AccountsTableModel;
import java.awt.Component;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.JOptionPane;

/**
 * Puts the pool in a new order for the accounts page, the same way for the move buttons and drag and drop: the
 * table shows the new order at once with the moved rows selected, {@code account/updateSorts} saves it off the
 * EDT, and then the page reloads. When the save fails the previous order comes back and the error shows like
 * the page's other failures. One save runs at a time; {@link #saving()} tells the page to refuse another.
 * EDT only.
 */
final class AccountReorder {
    private final DesktopContext ctx;
    private final AccountsApi api;
    private final AccountsTableModel model;
    private final Component owner;
    private final Consumer<Collection<String>> select;
    private final Runnable reload;
    private final Runnable savingChanged;
    private boolean saving;

    /**
     * @param select selects the rows of these account ids (those shown)
     * @param reload reloads the page from the service
     * @param savingChanged called whenever {@link #saving()} flips, to update buttons and hints
     */
    AccountReorder(DesktopContext ctx, AccountsApi api, AccountsTableModel model, Component owner,
            Consumer<Collection<String>> select, Runnable reload, Runnable savingChanged) {
        this.ctx = ctx;
        this.api = api;
        this.model = model;
        this.owner = owner;
        this.select = select;
        this.reload = reload;
        this.savingChanged = savingChanged;
    }

    /** True while a new order is being saved. */
    boolean saving() {
        return saving;
    }

    /**
     * Shows and saves {@code orderedIds} (every account id in its new order), keeping {@code moved} selected.
     * Returns false, and calls nothing, when the order would not change or a save is still running.
     */
    boolean apply(List<String> orderedIds, Collection<String> moved) {
        List<AccountRow> before = model.rows();
        if (saving || ids(before).equals(orderedIds)) {
            return false;
        }
        List<String> keep = List.copyOf(moved);
        model.setRows(AccountOrder.arrange(before, orderedIds));
        select.accept(keep);
        setSaving(true);
        ctx.jobs().deliver(api.updateSorts(orderedIds), ok -> {
            setSaving(false);
            reload.run();
            ctx.pool().refresh();
        }, error -> {
            setSaving(false);
            if (ids(model.rows()).equals(orderedIds)) {
                model.setRows(before);
                select.accept(keep);
            }
            reload.run();
            JOptionPane.showMessageDialog(owner, ErrorText.of(ctx.messages(), error), ctx.text("page.accounts"),
                    JOptionPane.WARNING_MESSAGE);
        });
        return true;
    }

    private void setSaving(boolean now) {
        saving = now;
        savingChanged.run();
    }

    private static List<String> ids(List<AccountRow> rows) {
        return rows.stream().map(AccountRow::id).toList();
    }
}
