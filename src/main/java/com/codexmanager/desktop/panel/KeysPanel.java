package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import java.util.Set;
import javax.swing.JComponent;
import javax.swing.JLabel;

/** Placeholder while the page is built. EDT only. */
public final class KeysPanel extends FeaturePage {
    public KeysPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.keys"), ctx.text("keys.description"), Set.of("apikey/list"));
    }

    @Override
    protected JComponent buildContent() {
        return new JLabel();
    }

    @Override
    protected void reload() {
    }
}
