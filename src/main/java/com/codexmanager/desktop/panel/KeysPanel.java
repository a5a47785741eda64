package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.dialog.CreateKeyDialog;
import com.codexmanager.desktop.model.KeyRow;
import com.codexmanager.desktop.model.KeysApi;
import com.codexmanager.desktop.model.KeysTableModel;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.time.Clock;
import java.time.ZoneId;
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

/** The platform keys page: list, create (key shown once), enable/disable and delete. EDT only. */
public final class KeysPanel extends FeaturePage {
    private final KeysApi api;
    private final KeysTableModel model;
    private final JTable table;
    private final JButton toggle;
    private final JButton delete;
    private final JLabel count = Ui.hint("");

    public KeysPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.keys"), ctx.text("keys.description"), KeysApi.REQUIRED);
        this.api = new KeysApi(ctx.rpc());
        this.model = new KeysTableModel(ctx.messages(), new Formats(ctx.messages(), ZoneId.systemDefault()),
                Clock.systemDefaultZone());
        this.table = new JTable(model);
        JButton create = new JButton(ctx.text("keys.create"), Ui.icon("plus"));
        create.setName("keys.create");
        create.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        create.addActionListener(e -> new CreateKeyDialog(ctx, api, this::reload).open(this));
        header().action(create);
        toggle = new JButton(ctx.text("keys.toggle"), Ui.icon("power"));
        toggle.setName("keys.toggle");
        delete = new JButton(ctx.text("keys.delete"), Ui.icon("trash"));
        delete.setName("keys.delete");
    }

    @Override
    protected JComponent buildContent() {
        table.setName("keys-table");
        table.setRowHeight(Ui.scale(34));
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getTableHeader().setReorderingAllowed(false);
        table.getSelectionModel().addListSelectionListener(e -> updateButtons());
        toggle.addActionListener(e -> selected().ifPresent(k -> run(api.setEnabled(k.id(), k.disabled()))));
        delete.addActionListener(e -> selected().ifPresent(this::confirmDelete));
        updateButtons();
        JPanel bar = new JPanel(new BorderLayout());
        bar.setOpaque(false);
        bar.add(count, BorderLayout.WEST);
        JPanel actions = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(6), 0));
        actions.setOpaque(false);
        actions.add(toggle);
        actions.add(delete);
        bar.add(actions, BorderLayout.EAST);
        JPanel content = new JPanel(new BorderLayout(0, Ui.scale(10)));
        content.setOpaque(false);
        content.add(bar, BorderLayout.NORTH);
        content.add(new JScrollPane(table), BorderLayout.CENTER);
        return content;
    }

    @Override
    protected void reload() {
        ctx.jobs().deliver(api.list(), rows -> {
            model.setRows(rows);
            count.setText(ctx.text("keys.count", rows.size()));
        }, error -> count.setText(ErrorText.of(ctx.messages(), error)));
    }

    private Optional<KeyRow> selected() {
        int view = table.getSelectedRow();
        return view < 0 ? Optional.empty() : Optional.of(model.row(table.convertRowIndexToModel(view)));
    }

    private void updateButtons() {
        boolean one = table.getSelectedRow() >= 0;
        toggle.setEnabled(one);
        delete.setEnabled(one);
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
}
