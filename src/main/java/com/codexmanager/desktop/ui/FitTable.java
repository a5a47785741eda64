package com.codexmanager.desktop.ui;

import javax.swing.JTable;
import javax.swing.table.TableModel;

/**
 * A table that fills the viewport when there is room and scrolls sideways (columns at their preferred widths)
 * when the window is too narrow, instead of squeezing every column until its text is clipped. EDT only.
 */
public final class FitTable extends JTable {
    public FitTable(TableModel model) {
        super(model);
        setAutoResizeMode(AUTO_RESIZE_SUBSEQUENT_COLUMNS);
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return getParent() == null || getPreferredSize().width < getParent().getWidth();
    }
}
