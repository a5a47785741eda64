package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.JobStatus;
import com.codexmanager.desktop.model.UsageRefreshRun;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JProgressBar;

/**
 * "Refresh all": starts {@code account/usage/refresh} for every account and follows its job with a progress bar
 * (done / total). While busy the button is disabled, so it cannot fire twice. EDT only.
 */
final class RefreshAllButton extends JPanel {
    private final DesktopContext ctx;
    private final AccountsApi api;
    private final Runnable onDone;
    private final JButton button;
    private final JProgressBar progress = new JProgressBar();
    private final UsageRefreshRun run;

    RefreshAllButton(DesktopContext ctx, AccountsApi api, Runnable onDone) {
        super(new BorderLayout(Ui.scale(6), 0));
        this.ctx = ctx;
        this.api = api;
        this.onDone = onDone;
        setOpaque(false);
        button = new JButton(ctx.text("accounts.refreshAll"), Ui.icon("refresh"));
        button.setName("accounts.refreshAll");
        button.addActionListener(e -> start());
        progress.setName("accounts.refreshProgress");
        progress.setStringPainted(true);
        progress.setVisible(false);
        progress.setPreferredSize(new java.awt.Dimension(Ui.scale(120),
                button.getPreferredSize().height - Ui.scale(8)));
        run = new UsageRefreshRun(ctx.jobs(), api, this::showJob, this::finish);
        add(progress, BorderLayout.WEST);
        add(button, BorderLayout.CENTER);
    }

    @Override
    public void setEnabled(boolean enabled) {
        super.setEnabled(enabled);
        button.setEnabled(enabled && !run.busy());
    }

    /** Starts a refresh (also right after an import), unless one is running. */
    void start() {
        if (run.busy()) {
            return;
        }
        button.setEnabled(false);
        progress.setIndeterminate(true);
        progress.setString(ctx.text("accounts.refreshing"));
        progress.setVisible(true);
        run.start();
    }

    private void showJob(JobStatus status) {
        if (status.total() > 0) {
            progress.setIndeterminate(false);
            progress.setMaximum((int) status.total());
            progress.setValue((int) status.done());
            progress.setString(ctx.text("accounts.refreshProgress", status.done(), status.total() - status.done()));
        }
    }

    private void finish() {
        progress.setVisible(false);
        button.setEnabled(true);
        onDone.run();
        ctx.pool().refresh();
    }
}
