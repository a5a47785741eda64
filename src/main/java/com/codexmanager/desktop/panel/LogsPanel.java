package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import java.util.Set;
import javax.swing.JComponent;
import javax.swing.JLabel;

/** Placeholder while the page is built. EDT only. */
public final class LogsPanel extends FeaturePage {
    public LogsPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.logs"), ctx.text("logs.description"), Set.of("requestlog/list"));
    }

    @Override
    protected JComponent buildContent() {
        return new JLabel();
    }

    @Override
    protected void reload() {
    }
}
