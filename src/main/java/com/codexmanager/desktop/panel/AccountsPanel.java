package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.dialog.AddAccountDialog;
import com.codexmanager.desktop.dialog.EditAccountDialog;
import com.codexmanager.desktop.dialog.ImportDialog;
import com.codexmanager.desktop.model.AccountOrder;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.AccountsTableModel;
import com.codexmanager.desktop.model.Availability;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import com.google.gson.JsonObject;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.table.TableRowSorter;

/**
 * The accounts page: the pool in routing order with usage bars and availability badges, search and filters,
 * reordering (move buttons for one row, drag and drop for one or more; see {@link AccountOrder#drop} for where
 * rows land in a filtered view), edit/enable/disable/delete, and the add-account, import, export and refresh-all
 * flows. EDT only.
 */
public final class AccountsPanel extends FeaturePage {
    private final AccountsApi api;
    private final AccountsTableModel model;
    private final JTable table;
    private final TableRowSorter<AccountsTableModel> sorter;
    private final AccountReorder reorder;
    private final JTextField search = new JTextField(18);
    private final JComboBox<String> status = new JComboBox<>();
    private final JComboBox<String> group = new JComboBox<>();
    private final RefreshAllButton refreshAll;
    private final JLabel count = Ui.hint("");
    private final JButton up = iconButton("up", "accounts.moveUp");
    private final JButton down = iconButton("down", "accounts.moveDown");
    private final JButton edit = iconButton("edit", "accounts.edit");
    private final JButton toggle = iconButton("power", "accounts.toggle");
    private final JButton delete = iconButton("trash", "accounts.delete");

    public AccountsPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.accounts"), ctx.text("accounts.description"), AccountsApi.REQUIRED);
        this.api = new AccountsApi(ctx.rpc());
        this.model = new AccountsTableModel(ctx.messages());
        this.table = new com.codexmanager.desktop.ui.FitTable(model);
        this.sorter = new TableRowSorter<>(model);
        this.refreshAll = new RefreshAllButton(ctx, api, this::reload);
        this.reorder = new AccountReorder(ctx, api, model, this, this::select, this::reload, this::updateButtons);
        JButton add = new JButton(ctx.text("accounts.add"), Ui.icon("plus"));
        add.setName("accounts.add");
        add.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        add.addActionListener(e -> new AddAccountDialog(ctx, api, this::reload).open(this));
        JButton importButton = new JButton(ctx.text("accounts.import"), Ui.icon("import"));
        importButton.setName("accounts.import");
        importButton.addActionListener(e -> new ImportDialog(ctx, api, this::reload).open(this));
        JButton export = new JButton(ctx.text("accounts.export"), Ui.icon("export"));
        export.setName("accounts.export");
        export.addActionListener(e -> export());
        header().action(refreshAll).action(export).action(importButton).action(add);
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
        JPanel content = new JPanel(new BorderLayout(0, Ui.scale(10)));
        content.setOpaque(false);
        content.add(buildFilters(), BorderLayout.NORTH);
        content.add(buildTable(), BorderLayout.CENTER);
        return content;
    }

    private JComponent buildFilters() {
        search.setName("accounts-search");
        search.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, ctx.text("accounts.searchHint"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_LEADING_ICON, Ui.icon("search"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, true);
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                applyFilter();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                applyFilter();
            }
        });
        status.setName("accounts-status");
        status.addItem(ctx.text("accounts.filter.allStatuses"));
        for (Availability a : Availability.values()) {
            status.addItem(ctx.text(a.textKey()));
        }
        status.addActionListener(e -> applyFilter());
        group.setName("accounts-group");
        group.addActionListener(e -> applyFilter());
        JPanel left = new JPanel(new FlowLayout(FlowLayout.LEFT, Ui.scale(8), 0));
        left.setOpaque(false);
        left.add(search);
        left.add(status);
        left.add(group);
        left.add(count);
        JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(2), 0));
        right.setOpaque(false);
        for (JButton b : List.of(up, down, edit, toggle, delete)) {
            right.add(b);
        }
        up.addActionListener(e -> move(-1));
        down.addActionListener(e -> move(1));
        edit.addActionListener(e -> selected().ifPresent(a -> new EditAccountDialog(ctx, api, a, this::reload)
                .open(this)));
        toggle.addActionListener(e -> selected().ifPresent(this::toggleEnabled));
        delete.addActionListener(e -> selected().ifPresent(this::confirmDelete));
        JPanel bar = new JPanel(new BorderLayout());
        bar.setOpaque(false);
        bar.add(left, BorderLayout.WEST);
        bar.add(right, BorderLayout.EAST);
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
        int[] widths = {30, 176, 44, 64, 56, 128, 148, 100, 112, 96};
        for (AccountsTableModel.Column c : AccountsTableModel.Column.values()) {
            var column = table.getColumnModel().getColumn(c.ordinal());
            column.setCellRenderer(new AccountCellRenderer(c, ctx.messages(), formats, Clock.systemDefaultZone()));
            column.setPreferredWidth(Ui.scale(widths[c.ordinal()]));
            sorter.setSortable(c.ordinal(), false);
        }
        table.getSelectionModel().addListSelectionListener(e -> updateButtons());
        sorter.addRowSorterListener(e -> updateButtons());
        updateButtons();
        JScrollPane scroll = new JScrollPane(table);
        scroll.setName("accounts-scroll");
        return scroll;
    }

    @Override
    protected void reload() {
        ctx.jobs().deliver(api.list(AccountsApi.Query.ALL, true), page -> {
            List<AccountRow> ordered = page.items().stream()
                    .sorted(java.util.Comparator.comparingLong(AccountRow::sort)).toList();
            List<String> selectedIds = selectedIds();
            model.setRows(ordered);
            refreshGroups(ordered);
            applyFilter();
            select(selectedIds);
        }, error -> count.setText(ErrorText.of(ctx.messages(), error)));
    }

    private void refreshGroups(List<AccountRow> rows) {
        Object current = group.getSelectedItem();
        Set<String> groups = new TreeSet<>();
        rows.stream().map(AccountRow::groupName).filter(g -> !g.isBlank()).forEach(groups::add);
        group.removeAllItems();
        group.addItem(ctx.text("accounts.filter.allGroups"));
        groups.forEach(group::addItem);
        group.setSelectedItem(current != null ? current : group.getItemAt(0));
    }

    private void applyFilter() {
        String text = search.getText().trim().toLowerCase(Locale.ROOT);
        int statusIndex = status.getSelectedIndex();
        Availability wanted = statusIndex <= 0 ? null : Availability.values()[statusIndex - 1];
        String wantedGroup = group.getSelectedIndex() <= 0 ? null : (String) group.getSelectedItem();
        sorter.setRowFilter(new RowFilter<>() {
            @Override
            public boolean include(Entry<? extends AccountsTableModel, ? extends Integer> entry) {
                AccountRow a = model.row(entry.getIdentifier());
                boolean textOk = text.isEmpty() || (a.label() + " " + a.email() + " " + a.id() + " "
                        + String.join(" ", a.tags()) + " " + a.note()).toLowerCase(Locale.ROOT).contains(text);
                return textOk && (wanted == null || a.availability() == wanted)
                        && (wantedGroup == null || wantedGroup.equals(a.groupName()));
            }
        });
        count.setText(ctx.text("accounts.count", table.getRowCount(), model.getRowCount()));
    }

    /** The one selected account; empty when none or several rows are selected. */
    private java.util.Optional<AccountRow> selected() {
        return table.getSelectedRowCount() != 1 ? java.util.Optional.empty()
                : java.util.Optional.of(model.row(table.convertRowIndexToModel(table.getSelectedRow())));
    }

    private List<String> selectedIds() {
        List<String> ids = new ArrayList<>();
        for (int view : table.getSelectedRows()) {
            ids.add(model.row(table.convertRowIndexToModel(view)).id());
        }
        return ids;
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
        boolean one = table.getSelectedRowCount() == 1;
        for (JButton b : List.of(edit, toggle, delete)) {
            b.setEnabled(one);
        }
        up.setEnabled(one && !reorder.saving());
        down.setEnabled(one && !reorder.saving());
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

    private void toggleEnabled(AccountRow account) {
        JsonObject patch = new JsonObject();
        patch.addProperty("status", account.disabled() ? "active" : "disabled");
        run(api.update(account.id(), patch));
    }

    private void confirmDelete(AccountRow account) {
        int answer = JOptionPane.showConfirmDialog(this, ctx.text("accounts.deleteConfirm", account.displayName()),
                ctx.text("accounts.delete"), JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE);
        if (answer == JOptionPane.OK_OPTION) {
            run(api.delete(account.id()));
        }
    }

    private void export() {
        JFileChooser chooser = new JFileChooser();
        chooser.setFileSelectionMode(JFileChooser.DIRECTORIES_ONLY);
        chooser.setDialogTitle(ctx.text("accounts.exportTitle"));
        if (chooser.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            ctx.jobs().deliver(api.export(chooser.getSelectedFile().getAbsolutePath()),
                    files -> JOptionPane.showMessageDialog(this, ctx.text("accounts.exported", files)),
                    error -> JOptionPane.showMessageDialog(this, ErrorText.of(ctx.messages(), error),
                            ctx.text("accounts.export"), JOptionPane.WARNING_MESSAGE));
        }
    }

    private void run(CompletableFuture<Void> change) {
        ctx.jobs().deliver(change, ok -> {
            reload();
            ctx.pool().refresh();
        }, error -> JOptionPane.showMessageDialog(this, ErrorText.of(ctx.messages(), error),
                ctx.text("page.accounts"), JOptionPane.WARNING_MESSAGE));
    }
}
