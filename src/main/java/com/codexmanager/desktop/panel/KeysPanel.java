package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.dialog.CreateKeyDialog;
import com.codexmanager.desktop.dialog.EditKeyDialog;
import com.codexmanager.desktop.dialog.KeyCreatedDialog;
import com.codexmanager.desktop.model.KeyRow;
import com.codexmanager.desktop.model.KeysApi;
import com.codexmanager.desktop.model.KeysTableModel;
import com.codexmanager.desktop.ui.EmptyState;
import com.codexmanager.desktop.ui.FitTable;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.PriorityColumns;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.WrapLayout;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * The platform keys page: every key with its protocol, model, group, expiry, status and today's requests; create
 * (key shown once), edit every setting, show the client snippets again (without the secret), enable/disable and
 * delete. With no keys yet it invites to create the first one. EDT only.
 */
public final class KeysPanel extends FeaturePage {
    private static final String TABLE = "table";
    private static final String EMPTY = "empty";

    private final KeysApi api;
    private final KeysTableModel model;
    private final FitTable table;
    private final JButton edit = button("keys.edit", "edit");
    private final JButton snippets = button("keys.snippets", "code");
    private final JButton toggle = button("keys.toggle", "power");
    private final JButton delete = button("keys.delete", "trash");
    private final JLabel count = Ui.hint("");
    private final JPanel cards = new JPanel(new CardLayout());
    private final Clock clock = Clock.systemDefaultZone();

    public KeysPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.keys"), ctx.text("keys.description"), KeysApi.REQUIRED);
        this.api = new KeysApi(ctx.rpc());
        this.model = new KeysTableModel(ctx.messages(), new Formats(ctx.messages(), ZoneId.systemDefault()), clock);
        this.table = new FitTable(model);
        JButton create = new JButton(ctx.text("keys.create"), Ui.icon("plus"));
        create.setName("keys.create");
        create.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        create.addActionListener(e -> openCreate());
        header().action(create);
    }

    private JButton button(String name, String icon) {
        JButton button = new JButton(ctx.text(name), Ui.icon(icon));
        button.setName(name);
        return button;
    }

    private void openCreate() {
        new CreateKeyDialog(ctx, api, this::reload).open(this);
    }

    @Override
    protected JComponent buildContent() {
        table.setName("keys-table");
        count.setName("keys-count");
        table.setRowHeight(Ui.scale(34));
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getTableHeader().setReorderingAllowed(false);
        table.getSelectionModel().addListSelectionListener(e -> updateButtons());
        int[] priorities = new int[KeysTableModel.Column.values().length];
        for (KeysTableModel.Column c : KeysTableModel.Column.values()) {
            table.getColumnModel().getColumn(c.ordinal()).setPreferredWidth(Ui.scale(c.width()));
            priorities[c.ordinal()] = c.priority();
        }
        table.getColumnModel().getColumn(KeysTableModel.Column.PREFIX.ordinal()).setCellRenderer(new PrefixRenderer());
        edit.addActionListener(e -> selected().ifPresent(k -> new EditKeyDialog(ctx, api, k, this::reload)
                .open(this)));
        snippets.addActionListener(e -> selected().ifPresent(k -> KeyCreatedDialog.forExisting(ctx, k)
                .open(SwingUtilities.getWindowAncestor(this))));
        toggle.addActionListener(e -> selected().ifPresent(k -> run(api.setEnabled(k.id(), k.disabled()))));
        delete.addActionListener(e -> selected().ifPresent(this::confirmDelete));
        updateButtons();
        JPanel bar = new JPanel(new BorderLayout(Ui.scale(8), 0));
        bar.setOpaque(false);
        bar.add(count, BorderLayout.WEST);
        JPanel actions = new JPanel(new WrapLayout(FlowLayout.RIGHT, Ui.scale(6), 0));
        actions.setOpaque(false);
        for (JButton b : List.of(edit, snippets, toggle, delete)) {
            actions.add(b);
        }
        bar.add(actions, BorderLayout.CENTER);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setName("keys-scroll");
        new PriorityColumns(table, priorities).follow(scroll);
        JPanel list = new JPanel(new BorderLayout(0, Ui.scale(10)));
        list.setOpaque(false);
        list.add(bar, BorderLayout.NORTH);
        list.add(scroll, BorderLayout.CENTER);
        JButton first = new JButton(ctx.text("keys.createFirst"), Ui.icon("plus"));
        first.setName("keys.createFirst");
        first.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        first.addActionListener(e -> openCreate());
        EmptyState empty = new EmptyState("keys", ctx.text("keys.emptyTitle"), ctx.text("keys.emptyText"), first);
        empty.setName("keys-empty");
        cards.setOpaque(false);
        cards.add(list, TABLE);
        cards.add(empty, EMPTY);
        return cards;
    }

    @Override
    protected void reload() {
        reloads.deliver(api.list(), rows -> {
            String selectedId = selected().map(KeyRow::id).orElse(null);
            model.setRows(rows);
            reselect(selectedId);
            count.setText(ctx.text("keys.count", rows.size()));
            ((CardLayout) cards.getLayout()).show(cards, rows.isEmpty() ? EMPTY : TABLE);
            loadUsageToday(rows);
        }, error -> count.setText(ErrorText.of(ctx.messages(), error)));
    }

    /** Today's requests and tokens per key ({@code apikey/usage}), when the service offers it. */
    private void loadUsageToday(List<KeyRow> rows) {
        if (rows.isEmpty() || !ctx.monitor().current().capabilities().has("apikey/usage")) {
            return;
        }
        var since = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        ctx.jobs().deliver(api.usageSince(rows, since), usage -> applyUsage(rows, usage), error -> { });
    }

    private void applyUsage(List<KeyRow> loaded, Map<String, KeyRow.Usage> usage) {
        if (!model.rows().equals(loaded)) {
            return; // a newer list arrived meanwhile; its own usage follows
        }
        String selectedId = selected().map(KeyRow::id).orElse(null);
        model.setRows(loaded.stream().map(k -> usage.containsKey(k.id()) ? k.withToday(usage.get(k.id())) : k)
                .toList());
        reselect(selectedId);
    }

    private void reselect(String id) {
        for (int i = 0; id != null && i < model.getRowCount(); i++) {
            if (model.row(i).id().equals(id)) {
                int view = table.convertRowIndexToView(i);
                table.setRowSelectionInterval(view, view);
            }
        }
    }

    private Optional<KeyRow> selected() {
        int view = table.getSelectedRow();
        return view < 0 ? Optional.empty() : Optional.of(model.row(table.convertRowIndexToModel(view)));
    }

    private void updateButtons() {
        boolean one = table.getSelectedRow() >= 0;
        for (JButton b : List.of(edit, snippets, toggle, delete)) {
            b.setEnabled(one);
        }
        selected().ifPresent(k -> toggle.setText(ctx.text(k.disabled() ? "keys.enable" : "keys.disable")));
    }

    private void confirmDelete(KeyRow key) {
        if (JOptionPane.showConfirmDialog(this, ctx.text("keys.deleteConfirm", key.name()), ctx.text("keys.delete"),
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE) == JOptionPane.OK_OPTION) {
            run(api.delete(key.id()));
        }
    }

    private void run(CompletableFuture<Void> change) {
        ctx.jobs().deliver(change, ok -> reload(), error -> JOptionPane.showMessageDialog(this,
                ErrorText.of(ctx.messages(), error), ctx.text("page.keys"), JOptionPane.WARNING_MESSAGE));
    }

    /**
     * Key prefixes in the monospaced font: random characters in a proportional font vary in width ("cmk_WWMm…" is
     * far wider than "cmk_lI1i…"), so one column width could fit some keys and cut others.
     */
    private static final class PrefixRenderer extends DefaultTableCellRenderer {
        @Override
        public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focus,
                int row, int column) {
            super.getTableCellRendererComponent(table, value, selected, focus, row, column);
            setFont(new Font(Font.MONOSPACED, Font.PLAIN, table.getFont().getSize()));
            return this;
        }
    }
}
