package com.codexmanager.desktop.ui;

import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.TableColumn;

/**
 * Hides a table's least important columns first when its scroll pane gets too narrow for all of them at their
 * preferred widths, and brings them back, in their place, when there is room again. Priority 1 columns always show.
 * EDT only.
 */
public final class PriorityColumns {
    private final JTable table;
    private final List<TableColumn> columns = new ArrayList<>();
    private final int[] priorities;

    /**
     * @param priorities one per model column, in model order: 1 = always shown, higher = hidden earlier
     */
    public PriorityColumns(JTable table, int[] priorities) {
        if (priorities.length != table.getColumnModel().getColumnCount()) {
            throw new IllegalArgumentException("one priority per column: " + priorities.length + " for "
                    + table.getColumnModel().getColumnCount());
        }
        this.table = table;
        this.priorities = priorities.clone();
        for (int i = 0; i < priorities.length; i++) {
            columns.add(table.getColumnModel().getColumn(i));
        }
    }

    /** Refits whenever {@code scroll} is resized. */
    public PriorityColumns follow(JScrollPane scroll) {
        scroll.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                fit(scroll.getViewport().getWidth());
            }
        });
        return this;
    }

    /** Shows the most columns whose preferred widths fit {@code width}, dropping the highest priority numbers. */
    public void fit(int width) {
        int level = maxPriority();
        while (level > 1 && preferredWidth(level) > width) {
            level--;
        }
        for (int i = 0; i < columns.size(); i++) {
            TableColumn column = columns.get(i);
            boolean shown = indexOf(column) >= 0;
            if (priorities[i] <= level && !shown) {
                table.addColumn(column);
                table.moveColumn(table.getColumnCount() - 1, visibleBefore(i));
            } else if (priorities[i] > level && shown) {
                table.removeColumn(column);
            }
        }
    }

    /** Whether the column of model index {@code modelIndex} is shown now. */
    public boolean shown(int modelIndex) {
        return indexOf(columns.get(modelIndex)) >= 0;
    }

    private int maxPriority() {
        int max = 1;
        for (int p : priorities) {
            max = Math.max(max, p);
        }
        return max;
    }

    private int preferredWidth(int level) {
        int sum = 0;
        for (int i = 0; i < columns.size(); i++) {
            if (priorities[i] <= level) {
                sum += columns.get(i).getPreferredWidth();
            }
        }
        return sum;
    }

    private int indexOf(TableColumn column) {
        for (int i = 0; i < table.getColumnModel().getColumnCount(); i++) {
            if (table.getColumnModel().getColumn(i) == column) {
                return i;
            }
        }
        return -1;
    }

    private int visibleBefore(int modelIndex) {
        int count = 0;
        for (int i = 0; i < modelIndex; i++) {
            if (indexOf(columns.get(i)) >= 0) {
                count++;
            }
        }
        return count;
    }
}
