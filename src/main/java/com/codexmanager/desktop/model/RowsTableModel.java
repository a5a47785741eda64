package com.codexmanager.desktop.model;

import com.codexmanager.desktop.i18n.Messages;
import java.util.List;
import java.util.function.Function;
import javax.swing.table.AbstractTableModel;

/**
 * A table over an immutable list of rows with one enum constant per column and translated headers; subclasses say
 * what a cell shows. Replace the rows with {@link #setRows} on the EDT. EDT only.
 *
 * @param <R> the row type
 * @param <C> the column enum
 */
public abstract class RowsTableModel<R, C extends Enum<C>> extends AbstractTableModel {
    private final Messages messages;
    private final C[] columns;
    private final Function<C, String> headerKey;
    private List<R> rows = List.of();

    protected RowsTableModel(Messages messages, Class<C> columnType, Function<C, String> headerKey) {
        this.messages = messages;
        this.columns = columnType.getEnumConstants();
        this.headerKey = headerKey;
    }

    public final void setRows(List<R> newRows) {
        rows = List.copyOf(newRows);
        fireTableDataChanged();
    }

    public final List<R> rows() {
        return rows;
    }

    public final R row(int modelIndex) {
        return rows.get(modelIndex);
    }

    protected final Messages messages() {
        return messages;
    }

    /** What the cell of {@code row} in {@code column} shows (or hands to the column's renderer). */
    protected abstract Object value(R row, C column);

    @Override
    public final int getRowCount() {
        return rows.size();
    }

    @Override
    public final int getColumnCount() {
        return columns.length;
    }

    @Override
    public final String getColumnName(int column) {
        return messages.text(headerKey.apply(columns[column]));
    }

    @Override
    public final Object getValueAt(int row, int column) {
        return value(rows.get(row), columns[column]);
    }
}
