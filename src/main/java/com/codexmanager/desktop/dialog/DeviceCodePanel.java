package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.SwingConstants;

/**
 * The device-code half of "Add account", for a machine without a usable browser: the code to type, large enough
 * to read across a room, with a copy button, and the page to type it on with a button that opens it here (or the
 * address to open on a phone). Hidden until a device login starts. EDT only.
 */
final class DeviceCodePanel extends JPanel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final DesktopContext ctx;
    private final JLabel code = new JLabel(" ", SwingConstants.CENTER);
    private final JTextField page = new JTextField(30);
    private final JLabel expiry = new JLabel(" ");
    private final JButton copy;
    private final JButton open;

    DeviceCodePanel(DesktopContext ctx) {
        super(new BorderLayout(0, Ui.scale(8)));
        this.ctx = ctx;
        setName("login-devicePanel");
        setBorder(BorderFactory.createCompoundBorder(BorderFactory.createLineBorder(Ui.color("Component.borderColor")),
                Ui.pad(12, 14, 12, 14)));
        code.setName("login-deviceCode");
        code.setFont(new Font(Font.MONOSPACED, Font.BOLD, Ui.scale(34)));
        code.putClientProperty(FlatClientProperties.STYLE, "foreground: $Component.accentColor");
        page.setName("login-devicePage");
        page.setEditable(false);
        expiry.setName("login-deviceExpiry");
        copy = new JButton(ctx.text("login.deviceCopy"), Ui.icon("copy"));
        copy.setName("login-copyCode");
        copy.addActionListener(e -> ctx.platform().copy(code.getText()));
        open = new JButton(ctx.text("login.deviceOpen"), Ui.icon("login"));
        open.setName("login-openDevicePage");
        open.addActionListener(e -> ctx.platform().browse(URI.create(page.getText())));
        add(Ui.hint(ctx.text("login.deviceHint")), BorderLayout.NORTH);
        JPanel middle = new JPanel(new BorderLayout(0, Ui.scale(6)));
        middle.setOpaque(false);
        middle.add(code, BorderLayout.CENTER);
        JPanel pageLine = new JPanel(new BorderLayout(Ui.scale(6), 0));
        pageLine.setOpaque(false);
        pageLine.add(page, BorderLayout.CENTER);
        pageLine.add(open, BorderLayout.EAST);
        middle.add(pageLine, BorderLayout.SOUTH);
        add(middle, BorderLayout.CENTER);
        JPanel bottom = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        bottom.setOpaque(false);
        bottom.add(copy);
        bottom.add(javax.swing.Box.createHorizontalStrut(Ui.scale(12)));
        bottom.add(expiry);
        add(bottom, BorderLayout.SOUTH);
        setVisible(false);
    }

    /** Shows a started device login. */
    void show(AccountsApi.DeviceLogin login) {
        code.setText(login.userCode());
        page.setText(login.verificationUri());
        page.setCaretPosition(0);
        expiry.setText(login.expiresAt() == null ? " " : ctx.text("login.deviceExpires",
                TIME.format(login.expiresAt().atZone(ZoneId.systemDefault()))));
        copy.setEnabled(true);
        open.setEnabled(true);
        setVisible(true);
    }

    /** The login ended: the code is void, so it cannot be copied any more (the panel stays as a record). */
    void ended() {
        copy.setEnabled(false);
        open.setEnabled(false);
    }

    String userCode() {
        return code.getText();
    }
}
