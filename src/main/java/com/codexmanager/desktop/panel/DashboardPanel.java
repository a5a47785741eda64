package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import java.util.Set;
import javax.swing.JComponent;
import javax.swing.JLabel;

/** Placeholder while the page is built. EDT only. */
public final class DashboardPanel extends FeaturePage {
    public DashboardPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.dashboard"), ctx.text("dashboard.description"), Set.of("account/list"));
    }

    @Override
    protected JComponent buildContent() {
        return new JLabel();
    }

    @Override
    protected void reload() {
    }
}
