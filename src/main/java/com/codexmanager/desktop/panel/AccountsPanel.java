package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.dialog.AddAccountDialog;
import com.codexmanager.desktop.dialog.EditAccountDialog;
import com.codexmanager.desktop.dialog.ImportDialog;
import com.codexmanager.desktop.model.AccountOrder;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.AccountsTableModel;
import com.codexmanager.desktop.model.PoolSnapshot;
import com.codexmanager.desktop.ui.EmptyState;
import com.codexmanager.desktop.ui.FitTable;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.PriorityColumns;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.FlowLayout;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.ListSelectionModel;
import javax.swing.table.TableRowSorter;

/**
 * The accounts page: the pool in routing order with "% left" bars, availability badges, when a used-up account
 * resets, and marks for the pinned account and the one that served the last request; search and filters;
 * reordering (move buttons for one row, drag and drop for one or more; see {@link AccountOrder#drop} for where rows
 * land in a filtered view); edit one, and enable, disable, set group or delete the selected rows; add, import
 * (usage is fetched right after), export and refresh-all. Columns give way by priority on narrow windows; with no
 * accounts the page offers Import and Add account. EDT only.
 */
public final class AccountsPanel extends FeaturePage {
    private static final String TABLE = "table";
    private static final String EMPTY = "empty";

    private final AccountsApi api;
    private final AccountsTableModel model;
    private final FitTable table;
    private final TableRowSorter<AccountsTableModel> sorter;
    private final AccountReorder reorder;
    private final AccountBulkActions bulk;
    private final AccountFilters filters;
    private final RefreshAllButton refreshAll;
    private final JButton up = iconButton("up", "accounts.moveUp");
    private final JButton down = iconButton("down", "accounts.moveDown");
    private final JButton edit = iconButton("edit", "accounts.edit");
    private final JButton enable = iconButton("check", "accounts.enable");
    private final JButton disable = iconButton("power", "accounts.disable");
    private final JButton setGroup = iconButton("tag", "accounts.setGroup");
    private final JButton delete = iconButton("trash", "accounts.delete");
    private final JPanel cards = new JPanel(new CardLayout());

    public AccountsPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.accounts"), ctx.text("accounts.description"), AccountsApi.REQUIRED);
        this.api = new AccountsApi(ctx.rpc());
        this.model = new AccountsTableModel(ctx.messages());
        this.table = new FitTable(model);
        this.sorter = new TableRowSorter<>(model);
        this.filters = new AccountFilters(ctx.messages(), model, sorter);
        this.refreshAll = new RefreshAllButton(ctx, api, this::reload);
        this.reorder = new AccountReorder(ctx, api, model, this, this::select, this::reload, this::updateButtons);
        this.bulk = new AccountBulkActions(ctx, api, this, this::reload);
        JButton export = new JButton(ctx.text("accounts.export"), Ui.icon("export"));
        export.setName("accounts.export");
        export.addActionListener(e -> export());
        header().action(refreshAll).action(export).action(importButton("accounts.import"))
                .action(addButton("accounts.add"));
    }

    private JButton addButton(String name) {
        JButton add = new JButton(ctx.text("accounts.add"), Ui.icon("plus"));
        add.setName(name);
        add.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        add.addActionListener(e -> new AddAccountDialog(ctx, api, this::reload).open(this));
        return add;
    }

    private JButton importButton(String name) {
        JButton importButton = new JButton(ctx.text("accounts.import"), Ui.icon("import"));
        importButton.setName(name);
        importButton.addActionListener(e -> new ImportDialog(ctx, api, this::imported).open(this));
        return importButton;
    }

    /** After an import: show the new accounts and fetch their usage at once, instead of at the next poll. */
    private void imported() {
        reload();
        refreshAll.start();
    }

    private JButton iconButton(String icon, String tooltipKey) {
        JButton button = new JButton(Ui.icon(icon));
        button.setName(tooltipKey);
        button.setToolTipText(ctx.text(tooltipKey));
        button.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_TOOLBAR_BUTTON);
        return button;
    }

    @Override
    protected JComponent buildContent() {
        JPanel list = new JPanel(new BorderLayout(0, Ui.scale(10)));
        list.setOpaque(false);
        list.add(buildFilters(), BorderLayout.NORTH);
        list.add(buildTable(), BorderLayout.CENTER);
        EmptyState empty = new EmptyState("accounts", ctx.text("accounts.emptyTitle"), ctx.text("accounts.emptyText"),
                emptyActions());
        empty.setName("accounts-empty");
        cards.setOpaque(false);
        cards.add(list, TABLE);
        cards.add(empty, EMPTY);
        return cards;
    }

    private JComponent emptyActions() {
        JPanel actions = new JPanel(new FlowLayout(FlowLayout.CENTER, Ui.scale(8), 0));
        actions.setOpaque(false);
        actions.add(importButton("accounts-emptyImport"));
        actions.add(addButton("accounts-emptyAdd"));
        return actions;
    }

    private JComponent buildFilters() {
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(2), Ui.scale(2)));
        buttons.setOpaque(false);
        for (JButton b : List.of(up, down, edit, enable, disable, setGroup, delete)) {
            buttons.add(b);
        }
        up.addActionListener(e -> move(-1));
        down.addActionListener(e -> move(1));
        edit.addActionListener(e -> selected().ifPresent(a -> new EditAccountDialog(ctx, api, a, this::reload)
                .open(this)));
        enable.addActionListener(e -> bulk.enable(selectedRows()));
        disable.addActionListener(e -> bulk.disable(selectedRows()));
        setGroup.addActionListener(e -> bulk.setGroup(selectedRows()));
        delete.addActionListener(e -> bulk.delete(selectedRows()));
        // the buttons keep their width; the filters wrap into the rest instead of running under them
        JPanel bar = new JPanel(new BorderLayout(Ui.scale(8), 0));
        bar.setOpaque(false);
        bar.add(filters, BorderLayout.CENTER);
        bar.add(buttons, BorderLayout.EAST);
        return bar;
    }

    private JComponent buildTable() {
        table.setName("accounts-table");
        new AccountRowTransferHandler(model, this::dragBlockedReason, reorder::apply).install(table);
        table.setRowSorter(sorter);
        table.setRowHeight(Ui.scale(48));
        table.setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
        table.getTableHeader().setReorderingAllowed(false);
        Formats formats = new Formats(ctx.messages(), ZoneId.systemDefault());
        int[] priorities = new int[AccountsTableModel.Column.values().length];
        for (AccountsTableModel.Column c : AccountsTableModel.Column.values()) {
            var column = table.getColumnModel().getColumn(c.ordinal());
            column.setCellRenderer(new AccountCellRenderer(c, ctx.messages(), formats, Clock.systemDefaultZone()));
            column.setPreferredWidth(Ui.scale(c.width()));
            sorter.setSortable(c.ordinal(), false);
            priorities[c.ordinal()] = c.priority();
        }
        table.getSelectionModel().addListSelectionListener(e -> updateButtons());
        sorter.addRowSorterListener(e -> updateButtons());
        updateButtons();
        JScrollPane scroll = new JScrollPane(table);
        scroll.setName("accounts-scroll");
        new PriorityColumns(table, priorities).follow(scroll);
        return scroll;
    }

    @Override
    protected void reload() {
        reloads.deliver(api.list(AccountsApi.Query.ALL, true), page -> {
            List<AccountRow> ordered = page.items().stream()
                    .sorted(java.util.Comparator.comparingLong(AccountRow::sort)).toList();
            List<String> selectedIds = selectedIds();
            model.setRows(ordered);
            model.setWhoServes(ctx.pool().current());
            filters.offerGroups(ordered);
            filters.apply();
            select(selectedIds);
            ((CardLayout) cards.getLayout()).show(cards, ordered.isEmpty() ? EMPTY : TABLE);
        }, error -> filters.showProblem(ErrorText.of(ctx.messages(), error)));
    }

    @Override
    public void poolChanged(PoolSnapshot pool) {
        model.setWhoServes(pool);
    }

    /** The one selected account; empty when none or several rows are selected. */
    private Optional<AccountRow> selected() {
        List<AccountRow> rows = selectedRows();
        return rows.size() == 1 ? Optional.of(rows.get(0)) : Optional.empty();
    }

    /** The selected accounts; while the sorter is being rebuilt the selection can name rows it no longer has. */
    private List<AccountRow> selectedRows() {
        List<AccountRow> rows = new ArrayList<>();
        for (int view : table.getSelectedRows()) {
            if (view < sorter.getViewRowCount()) {
                int index = table.convertRowIndexToModel(view);
                if (index < model.getRowCount()) {
                    rows.add(model.row(index));
                }
            }
        }
        return rows;
    }

    private List<String> selectedIds() {
        return selectedRows().stream().map(AccountRow::id).toList();
    }

    /** Selects the shown rows of these accounts (and nothing else). */
    private void select(Collection<String> accountIds) {
        Set<String> wanted = new HashSet<>(accountIds);
        table.clearSelection();
        for (int i = 0; i < model.getRowCount(); i++) {
            int view = wanted.contains(model.row(i).id()) ? table.convertRowIndexToView(i) : -1;
            if (view >= 0) {
                table.addRowSelectionInterval(view, view);
            }
        }
    }

    private void updateButtons() {
        List<AccountRow> rows = selectedRows();
        boolean one = rows.size() == 1;
        edit.setEnabled(one);
        up.setEnabled(one && !reorder.saving());
        down.setEnabled(one && !reorder.saving());
        enable.setEnabled(rows.stream().anyMatch(AccountRow::disabled));
        disable.setEnabled(rows.stream().anyMatch(a -> !a.disabled()));
        setGroup.setEnabled(!rows.isEmpty());
        delete.setEnabled(!rows.isEmpty());
        String blocked = dragBlockedReason();
        table.setToolTipText(blocked != null ? blocked : ctx.text("accounts.drag.hint"));
    }

    /**
     * Why rows cannot be dragged now, or {@code null} when they can: only while the table shows the routing order
     * (a sorted view has no place to drop into) and no earlier move is still being saved.
     */
    private String dragBlockedReason() {
        if (!sorter.getSortKeys().isEmpty()) {
            return ctx.text("accounts.drag.sorted");
        }
        return reorder.saving() ? ctx.text("accounts.drag.saving") : null;
    }

    private void move(int delta) {
        selected().ifPresent(a -> reorder.apply(AccountOrder.move(model.rows(), model.rows().indexOf(a), delta),
                List.of(a.id())));
    }

    private void export() {
        JFileChooser chooser = new JFileChooser(ctx.platform().userHome().toFile());
        chooser.setName("accounts-exportChooser");
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setDialogTitle(ctx.text("accounts.exportTitle"));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            ctx.jobs().deliver(api.export(chooser.getSelectedFile().getAbsolutePath()),
                    files -> JOptionPane.showMessageDialog(this, ctx.text("accounts.exported", files)),
                    error -> JOptionPane.showMessageDialog(this, ErrorText.of(ctx.messages(), error),
                            ctx.text("accounts.export"), JOptionPane.WARNING_MESSAGE));
        }
    }
}
