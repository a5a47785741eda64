package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.PoolSnapshot;
import java.awt.BorderLayout;
import java.util.function.Supplier;
import javax.swing.JComponent;
import javax.swing.JPanel;

/**
 * A page that is built the first time it is shown or {@link #build() prebuilt}, so the first window only pays
 * for the page it opens on. Until then it holds the latest connection status and pool, and hands both to the
 * page when it is built. EDT only.
 */
public final class LazyPage implements PageView {
    private final Supplier<PageView> factory;
    private final JPanel holder = new JPanel(new BorderLayout());
    private PageView page;
    private ConnectionStatus status;
    private PoolSnapshot pool;

    public LazyPage(Supplier<PageView> factory) {
        this.factory = factory;
        holder.setOpaque(false);
    }

    public boolean built() {
        return page != null;
    }

    /** Builds the page now unless it exists already. */
    public void build() {
        if (page != null) {
            return;
        }
        page = factory.get();
        holder.add(page.component(), BorderLayout.CENTER);
        if (status != null) {
            page.connectionChanged(status);
        }
        if (pool != null) {
            page.poolChanged(pool);
        }
        holder.revalidate();
    }

    @Override
    public JComponent component() {
        return holder;
    }

    @Override
    public void activated() {
        build();
        page.activated();
    }

    @Override
    public void connectionChanged(ConnectionStatus newStatus) {
        status = newStatus;
        if (page != null) {
            page.connectionChanged(newStatus);
        }
    }

    @Override
    public void poolChanged(PoolSnapshot newPool) {
        pool = newPool;
        if (page != null) {
            page.poolChanged(newPool);
        }
    }

    @Override
    public void close() {
        if (page != null) {
            page.close();
        }
    }
}
