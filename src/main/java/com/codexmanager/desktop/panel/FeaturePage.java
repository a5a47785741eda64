package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.NewestOnly;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.ui.EmptyState;
import com.codexmanager.desktop.ui.PageHeader;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import java.util.Set;
import java.util.TreeSet;
import javax.swing.JComponent;
import javax.swing.JPanel;

/**
 * A page that needs RPC methods: it shows its content only while the service is connected and offers every
 * {@code required} method, a friendly "not available in this service version" state when the service lacks them,
 * and an offline state before it ever connected. Subclasses build the content once and reload it when shown.
 * EDT only.
 */
abstract class FeaturePage extends JPanel implements PageView {
    protected final DesktopContext ctx;
    /** Delivers a reload's answer only when no newer reload has started since. */
    protected final NewestOnly reloads;
    private final Set<String> required;
    private final JPanel body = new JPanel(new BorderLayout());
    private final PageHeader header;
    private JComponent content;
    private boolean available;

    protected FeaturePage(DesktopContext ctx, String title, String description, Set<String> required) {
        super(new BorderLayout());
        this.ctx = ctx;
        this.reloads = new NewestOnly(ctx.jobs());
        this.required = required;
        setBorder(Ui.pad(22, 28, 20, 28));
        header = new PageHeader(title, description);
        add(header, BorderLayout.NORTH);
        body.setOpaque(false);
        add(body, BorderLayout.CENTER);
        setBody(new EmptyState("plug", ctx.text("page.connecting"), ctx.text("page.connectingText")));
    }

    protected PageHeader header() {
        return header;
    }

    @Override
    public JComponent component() {
        return this;
    }

    /** Builds the page's real content (called once, when the service first offers the methods). */
    protected abstract JComponent buildContent();

    /** Loads fresh data into the content. */
    protected abstract void reload();

    protected boolean available() {
        return available;
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
        boolean nowAvailable = status.connected() && status.capabilities().hasAll(required);
        if (status.connected() && !nowAvailable) {
            Set<String> missing = new TreeSet<>(required);
            missing.removeAll(status.capabilities().methods());
            setBody(new EmptyState("puzzle", ctx.text("page.notAvailable"),
                    ctx.text("page.notAvailableText", String.join(", ", missing))));
            content = null;
        } else if (nowAvailable) {
            if (content == null) {
                content = buildContent();
                setBody(content);
            }
            if (!available || isShowing()) {
                available = true;
                reload();
            }
        } else if (content == null) {
            setBody(new EmptyState("plug", ctx.text("page.offline"), ctx.text("page.offlineText")));
        }
        available = nowAvailable;
        header.setActionsEnabled(nowAvailable);
    }

    @Override
    public void activated() {
        if (available) {
            reload();
        }
    }

    private void setBody(JComponent component) {
        body.removeAll();
        body.add(component, BorderLayout.CENTER);
        body.revalidate();
        body.repaint();
    }
}
