package com.codexmanager.desktop.ui;

import java.awt.Component;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.table.TableColumn;
import javax.swing.table.TableModel;

/**
 * A table that fills the viewport when there is room and scrolls sideways (columns at their preferred widths)
 * when the window is too narrow, instead of squeezing every column until its text is clipped; the spare width can
 * go to one fill column. A cell whose content is cut shows its full text as a tooltip; renderers that are not labels
 * say what that text is through {@link FullText}. EDT only.
 */
public final class FitTable extends JTable {
    /** A cell renderer component that is not a plain label tells the table its full text and whether it is cut. */
    public interface FullText {
        /** The whole text of the cell just rendered, or {@code null} when nothing is cut. */
        String truncatedText();
    }

    /** The model index of the column that takes the spare width, or -1 to share it among all. */
    private int fillColumn = -1;

    public FitTable(TableModel model) {
        super(model);
        setAutoResizeMode(AUTO_RESIZE_SUBSEQUENT_COLUMNS);
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return getParent() == null || getPreferredSize().width < getParent().getWidth();
    }

    /**
     * Gives the column of model index {@code modelIndex} all the width that the other shown columns leave at their
     * preferred widths (JTable shares it among all), for the one column whose text runs long.
     */
    public void setFillColumn(int modelIndex) {
        fillColumn = modelIndex;
        revalidate();
    }

    @Override
    public void doLayout() {
        TableColumn fill = shownFillColumn();
        boolean dragging = getTableHeader() != null && getTableHeader().getResizingColumn() != null;
        int others = 0;
        for (int i = 0; i < columnModel.getColumnCount(); i++) {
            TableColumn column = columnModel.getColumn(i);
            others += column == fill ? 0 : column.getPreferredWidth();
        }
        if (fill == null || dragging || getWidth() - others < fill.getPreferredWidth()) {
            super.doLayout();
            return;
        }
        for (int i = 0; i < columnModel.getColumnCount(); i++) {
            TableColumn column = columnModel.getColumn(i);
            column.setWidth(column == fill ? getWidth() - others : column.getPreferredWidth());
        }
    }

    private TableColumn shownFillColumn() {
        for (int i = 0; i < columnModel.getColumnCount(); i++) {
            if (columnModel.getColumn(i).getModelIndex() == fillColumn) {
                return columnModel.getColumn(i);
            }
        }
        return null;
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        String cut = truncatedText(rowAtPoint(event.getPoint()), columnAtPoint(event.getPoint()));
        return cut != null ? cut : super.getToolTipText(event);
    }

    /** The full text of the cell at view {@code row}, {@code column} when its renderer cuts it, else {@code null}. */
    public String truncatedText(int row, int column) {
        if (row < 0 || column < 0) {
            return null;
        }
        Component c = prepareRenderer(getCellRenderer(row, column), row, column);
        Rectangle cell = getCellRect(row, column, false);
        if (c instanceof FullText full) {
            c.setBounds(0, 0, cell.width, cell.height);
            return full.truncatedText();
        }
        if (c instanceof JLabel label && label.getText() != null && !label.getText().isEmpty()) {
            java.awt.Insets insets = label.getInsets();
            int needed = label.getFontMetrics(label.getFont()).stringWidth(label.getText()) + insets.left
                    + insets.right + (label.getIcon() == null ? 0 : label.getIcon().getIconWidth()
                    + label.getIconTextGap());
            return needed > cell.width ? label.getText() : null;
        }
        return null;
    }
}
