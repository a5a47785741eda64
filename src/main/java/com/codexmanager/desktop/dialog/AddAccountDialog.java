package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.CallbackUrl;
import com.codexmanager.desktop.panel.ErrorText;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.Timer;

/**
 * Adds a ChatGPT account: starts the browser login, shows the login URL with a copy button, follows the login's
 * status live, and accepts the callback URL pasted from the browser when the local callback cannot be reached (the
 * manual-callback path). Without a browser here, "Sign in with a code" starts a device-code login instead: the code
 * is shown large with copy and open-page buttons ({@link DeviceCodePanel}), to be entered on any device. EDT only.
 */
public final class AddAccountDialog {
    private final DesktopContext ctx;
    private final AccountsApi api;
    private final Runnable onAdded;
    private final GroupField group;
    private final JTextField tags = new JTextField(18);
    private final JTextField note = new JTextField(18);
    private final JTextField authUrl = new JTextField(34);
    private final JTextField callback = new JTextField(34);
    private final JLabel status = new JLabel(" ");
    private final JLabel detailsNote;
    private final JButton start;
    private final JButton startDevice;
    private final DeviceCodePanel device;
    private final JButton copy;
    private final JButton complete;
    private final Timer poll;
    private JDialog dialog;
    private String loginId;
    private boolean finished;

    public AddAccountDialog(DesktopContext ctx, AccountsApi api, Runnable onAdded) {
        this.ctx = ctx;
        this.api = api;
        this.onAdded = onAdded;
        group = new GroupField(ctx.pool().current().groups(), "", ctx.text("accounts.noGroup"));
        start = new JButton(ctx.text("login.start"), Ui.icon("login"));
        start.setName("login.start");
        start.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
        startDevice = new JButton(ctx.text("login.startDevice"));
        startDevice.setName("login.startDevice");
        device = new DeviceCodePanel(ctx);
        copy = new JButton(ctx.text("common.copy"), Ui.icon("copy"));
        copy.setName("login-copyUrl");
        complete = new JButton(ctx.text("login.complete"));
        complete.setName("login.complete");
        poll = new Timer(1000, e -> pollStatus());
        detailsNote = Ui.hint(ctx.text("login.detailsLocked"));
        detailsNote.setName("login.detailsLocked");
        detailsNote.setVisible(false);
    }

    public JDialog open(Component parent) {
        dialog = Dialogs.modeless(parent, ctx.text("login.title"), "addAccountDialog", build());
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                cancelIfOpen();
            }
        });
        dialog.setVisible(true);
        return dialog;
    }

    private JComponent build() {
        group.setName("login.group");
        tags.setName("login.tags");
        note.setName("login.note");
        authUrl.setName("login.url");
        authUrl.setEditable(false);
        callback.setName("login.callback");
        callback.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, ctx.text("login.callbackHint"));
        status.setName("login-status");
        copy.setEnabled(false);
        complete.setEnabled(false);
        start.addActionListener(e -> startLogin());
        startDevice.addActionListener(e -> startDeviceLogin());
        copy.addActionListener(e -> ctx.platform().copy(authUrl.getText()));
        complete.addActionListener(e -> completeManually());
        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(Ui.pad(18, 20, 10, 20));
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(Ui.scale(4), 0, Ui.scale(4), Ui.scale(10));
        c.gridy = 0;
        row(form, c, ctx.text("login.group"), group);
        row(form, c, ctx.text("login.tags"), tags);
        row(form, c, ctx.text("login.note"), note);
        c.gridx = 1;
        c.gridy++;
        form.add(detailsNote, c);
        c.gridy++;
        JPanel starts = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        starts.add(start);
        starts.add(javax.swing.Box.createHorizontalStrut(Ui.scale(8)));
        starts.add(startDevice);
        form.add(starts, c);
        c.gridy++;
        c.fill = GridBagConstraints.HORIZONTAL;
        form.add(device, c);
        c.fill = GridBagConstraints.NONE;
        c.gridy++;
        c.gridx = 0;
        c.gridwidth = 2;
        form.add(Ui.hint(ctx.text("login.urlHint")), c);
        c.gridwidth = 1;
        JPanel urlLine = new JPanel(new BorderLayout(Ui.scale(6), 0));
        urlLine.add(authUrl, BorderLayout.CENTER);
        urlLine.add(copy, BorderLayout.EAST);
        row(form, c, ctx.text("login.url"), urlLine);
        JPanel callbackLine = new JPanel(new BorderLayout(Ui.scale(6), 0));
        callbackLine.add(callback, BorderLayout.CENTER);
        callbackLine.add(complete, BorderLayout.EAST);
        row(form, c, ctx.text("login.callback"), callbackLine);
        c.gridy++;
        c.gridx = 1;
        form.add(status, c);
        JButton close = new JButton(ctx.text("common.close"));
        close.setName("login-close");
        close.addActionListener(e -> dialog.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.setBorder(Ui.pad(0, 12, 10, 12));
        buttons.add(close);
        JPanel root = new JPanel(new BorderLayout());
        root.add(form, BorderLayout.CENTER);
        root.add(buttons, BorderLayout.SOUTH);
        return root;
    }

    private static void row(JPanel form, GridBagConstraints c, String label, JComponent field) {
        c.gridy++;
        c.gridx = 0;
        c.fill = GridBagConstraints.NONE;
        c.weightx = 0;
        form.add(new JLabel(label), c);
        c.gridx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        form.add(field, c);
        c.fill = GridBagConstraints.NONE;
        c.weightx = 0;
    }

    /**
     * Group, tags and note go out with {@code account/login/start}, so they are locked from then on: a change typed
     * later would silently not reach the account. A failed or cancelled login unlocks them for the next try.
     */
    private void lockDetails(boolean locked) {
        group.setEnabled(!locked);
        tags.setEditable(!locked);
        note.setEditable(!locked);
        detailsNote.setVisible(locked);
    }

    private List<String> tagList() {
        return Arrays.stream(tags.getText().split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    private void startDeviceLogin() {
        setStartsEnabled(false);
        lockDetails(true);
        showStatus(ctx.text("login.starting"), "CodexManager.neutral");
        ctx.jobs().deliver(api.loginStartDevice(group.group(), note.getText().trim(), tagList()), login -> {
            loginId = login.loginId();
            finished = false;
            device.show(login);
            dialog.pack();
            showStatus(ctx.text("login.waitingDevice"), "CodexManager.neutral");
            poll.start();
        }, error -> {
            setStartsEnabled(true);
            lockDetails(false);
            showStatus(ErrorText.of(ctx.messages(), error), "CodexManager.bad");
        });
    }

    private void setStartsEnabled(boolean enabled) {
        start.setEnabled(enabled);
        startDevice.setEnabled(enabled);
    }

    private void startLogin() {
        setStartsEnabled(false);
        lockDetails(true);
        showStatus(ctx.text("login.starting"), "CodexManager.neutral");
        ctx.jobs().deliver(api.loginStart(group.group(), note.getText().trim(), tagList()), login -> {
            loginId = login.loginId();
            finished = false;
            authUrl.setText(login.authUrl());
            authUrl.setCaretPosition(0);
            copy.setEnabled(true);
            complete.setEnabled(true);
            boolean opened = ctx.platform().browse(URI.create(login.authUrl()));
            showStatus(ctx.text(opened ? "login.waitingBrowser" : "login.openManually"), "CodexManager.neutral");
            poll.start();
        }, error -> {
            setStartsEnabled(true);
            lockDetails(false);
            showStatus(ErrorText.of(ctx.messages(), error), "CodexManager.bad");
        });
    }

    private void completeManually() {
        var parsed = CallbackUrl.parse(callback.getText());
        if (parsed.isEmpty()) {
            showStatus(ctx.text("login.badCallback"), "CodexManager.bad");
            return;
        }
        complete.setEnabled(false);
        showStatus(ctx.text("login.completing"), "CodexManager.neutral");
        ctx.jobs().deliver(api.loginComplete(parsed.get()), ok -> pollStatus(), error -> {
            complete.setEnabled(true);
            showStatus(ErrorText.of(ctx.messages(), error), "CodexManager.bad");
        });
    }

    private void pollStatus() {
        if (loginId == null || finished) {
            return;
        }
        ctx.jobs().deliver(api.loginStatus(loginId), s -> {
            switch (s.status()) {
                case "success" -> {
                    finish();
                    showStatus(ctx.text("login.success"), "CodexManager.good");
                    onAdded.run();
                    fetchUsage(s.accountId());
                }
                case "failed", "expired", "cancelled" -> {
                    finish();
                    setStartsEnabled(true);
                    lockDetails(false);
                    showStatus(ctx.text("login.failed", s.error().isBlank() ? s.status() : s.error()),
                            "CodexManager.bad");
                }
                default -> {
                    // still pending: keep polling
                }
            }
        }, error -> showStatus(ErrorText.of(ctx.messages(), error), "CodexManager.bad"));
    }

    /** Fetches the new account's usage at once, so its bars fill in without waiting for the next poll. */
    private void fetchUsage(String accountId) {
        if (accountId.isBlank()) {
            ctx.pool().refresh();
            return;
        }
        ctx.jobs().deliver(api.refreshUsage(accountId), ok -> {
            onAdded.run();
            ctx.pool().refresh();
        }, error -> ctx.pool().refresh());
    }

    private void finish() {
        finished = true;
        poll.stop();
        complete.setEnabled(false);
        device.ended();
    }

    private void showStatus(String text, String colorKey) {
        status.setText(text);
        status.setForeground(Ui.color(colorKey));
    }

    private void cancelIfOpen() {
        poll.stop();
        if (loginId != null && !finished) {
            ctx.jobs().deliver(api.loginCancel(loginId), ok -> { }, error -> { });
        }
    }
}
