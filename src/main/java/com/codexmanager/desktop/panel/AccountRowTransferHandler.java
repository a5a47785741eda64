package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.model.AccountOrder;
import com.codexmanager.desktop.model.AccountsTableModel;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.swing.DropMode;
import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;

/**
 * Drag and drop of account rows inside the accounts table. A drag carries the ids of the selected rows in a
 * JVM-local flavor, so nothing leaves the app and nothing from outside is accepted. A drop on an insert line
 * ({@link javax.swing.DropMode#INSERT_ROWS}) turns into a new pool order with {@link AccountOrder#drop}, using
 * the rows the table shows at that moment (a filter may hide some), and is handed to the page. Dragging is
 * refused while the page gives a reason, e.g. when the table is sorted and the view order is not the pool order.
 * {@link #install} also lets a drag start on a row that is not selected yet. EDT only (Swing calls every method
 * on the EDT).
 */
final class AccountRowTransferHandler extends TransferHandler {
    /** The dragged account ids. Immutable. */
    record DraggedAccounts(List<String> ids) {
        DraggedAccounts {
            ids = List.copyOf(ids);
        }
    }

    static final DataFlavor FLAVOR = localFlavor();

    private final AccountsTableModel model;
    private final Supplier<String> blockedReason;
    private final BiConsumer<List<String>, List<String>> reorder;

    /**
     * @param blockedReason why rows cannot be dragged now (translated), or {@code null} when they can
     * @param reorder receives every account id in the new order and the ids that moved
     */
    AccountRowTransferHandler(AccountsTableModel model, Supplier<String> blockedReason,
            BiConsumer<List<String>, List<String>> reorder) {
        this.model = model;
        this.blockedReason = blockedReason;
        this.reorder = reorder;
    }

    /**
     * Makes {@code table} drag its rows through this handler and show an insert line where they would land.
     * Swing starts a drag in a multi-selection table only from a row that is already selected (a press-and-drag
     * elsewhere extends the selection), so a plain press on an unselected row selects that row first, the way
     * file managers behave; Shift and Ctrl clicks still build a selection.
     */
    void install(JTable table) {
        table.setDragEnabled(true);
        table.setDropMode(DropMode.INSERT_ROWS);
        table.setTransferHandler(this);
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                int row = table.rowAtPoint(e.getPoint());
                if (SwingUtilities.isLeftMouseButton(e) && !e.isShiftDown() && !e.isControlDown() && !e.isMetaDown()
                        && row >= 0 && !table.isRowSelected(row)) {
                    table.setRowSelectionInterval(row, row);
                }
            }
        });
        // the look and feel's mouse handler decides on the press whether a drag may start; reinstalling the UI
        // puts it after the listener above (every later theme switch reinstalls it after the listener too)
        table.updateUI();
    }

    @Override
    public int getSourceActions(JComponent c) {
        return blockedReason.get() == null ? MOVE : NONE;
    }

    @Override
    protected Transferable createTransferable(JComponent c) {
        JTable table = (JTable) c;
        List<String> ids = new ArrayList<>();
        for (int view : table.getSelectedRows()) {
            ids.add(model.row(table.convertRowIndexToModel(view)).id());
        }
        return ids.isEmpty() ? null : new AccountsTransferable(new DraggedAccounts(ids));
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDrop() && support.isDataFlavorSupported(FLAVOR)
                && support.getDropLocation() instanceof JTable.DropLocation location && location.isInsertRow()
                && blockedReason.get() == null;
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        DraggedAccounts dragged;
        try {
            dragged = (DraggedAccounts) support.getTransferable().getTransferData(FLAVOR);
        } catch (UnsupportedFlavorException | IOException e) {
            return false;
        }
        JTable table = (JTable) support.getComponent();
        List<String> visible = new ArrayList<>();
        for (int view = 0; view < table.getRowCount(); view++) {
            visible.add(model.row(table.convertRowIndexToModel(view)).id());
        }
        List<String> all = model.rows().stream().map(r -> r.id()).toList();
        int line = ((JTable.DropLocation) support.getDropLocation()).getRow();
        reorder.accept(AccountOrder.drop(all, visible, dragged.ids(), line), dragged.ids());
        // a press that starts a drag leaves the focus where it was; the moved rows should look selected and the
        // move buttons' keyboard path should continue from them
        table.requestFocusInWindow();
        return true;
    }

    private static DataFlavor localFlavor() {
        try {
            return new DataFlavor(DataFlavor.javaJVMLocalObjectMimeType + ";class=" + DraggedAccounts.class.getName(),
                    "CodexManager accounts", DraggedAccounts.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the drag flavor's own class is missing", e);
        }
    }

    private record AccountsTransferable(DraggedAccounts accounts) implements Transferable {
        @Override
        public DataFlavor[] getTransferDataFlavors() {
            return new DataFlavor[] {FLAVOR};
        }

        @Override
        public boolean isDataFlavorSupported(DataFlavor flavor) {
            return FLAVOR.equals(flavor);
        }

        @Override
        public Object getTransferData(DataFlavor flavor) throws UnsupportedFlavorException {
            if (!isDataFlavorSupported(flavor)) {
                throw new UnsupportedFlavorException(flavor);
            }
            return accounts;
        }
    }
}
