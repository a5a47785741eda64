package com.codexmanager.desktop.window;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * The strip above the page that says why the service cannot be used right now and offers "retry" or "start";
 * while the service starts (and waits for its address) it says so instead of showing an error. Hidden while
 * connected. EDT only.
 */
final class ConnectionBanner extends JPanel {
    private final Messages messages;
    private final JLabel text = new JLabel();
    private final JButton retry;
    private final JButton start;

    ConnectionBanner(Messages messages, Runnable onRetry, Runnable onStart) {
        super(new BorderLayout(Ui.scale(12), 0));
        this.messages = messages;
        setName("connectionBanner");
        setBorder(Ui.pad(10, 16, 10, 12));
        text.setName("connectionBannerText");
        text.setIcon(Ui.icon("warning"));
        text.setIconTextGap(Ui.scale(10));
        retry = new JButton(messages.text("banner.retry"));
        retry.setName("bannerRetry");
        retry.addActionListener(e -> onRetry.run());
        start = new JButton(messages.text("action.startService"));
        start.setName("bannerStart");
        start.addActionListener(e -> onStart.run());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(6), 0));
        buttons.setOpaque(false);
        buttons.add(start);
        buttons.add(retry);
        add(text, BorderLayout.CENTER);
        add(buttons, BorderLayout.EAST);
        applyColors();
        setVisible(false);
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (text != null) {
            applyColors();
        }
    }

    private void applyColors() {
        setBackground(Ui.color("CodexManager.bannerBackground"));
        text.setForeground(Ui.color("CodexManager.bannerForeground"));
    }

    void show(ConnectionStatus status, boolean canStart) {
        switch (status.state()) {
            case CONNECTED, CONNECTING -> setVisible(false);
            case STOPPED -> present(messages.text("banner.stopped"), canStart, false);
            case STARTING -> present(status.waitingForAddress() ? messages.text("banner.startingWaiting",
                    status.baseUrl()) : messages.text("banner.starting"), false, false);
            case UNREACHABLE -> present(messages.text("banner.unreachable", status.baseUrl()), false, true);
            case UNAUTHORIZED -> present(messages.text("banner.unauthorized", status.baseUrl()), false, true);
        }
    }

    private void present(String message, boolean showStart, boolean showRetry) {
        text.setText(message);
        start.setVisible(showStart);
        retry.setVisible(showRetry);
        setVisible(true);
        revalidate();
    }
}
