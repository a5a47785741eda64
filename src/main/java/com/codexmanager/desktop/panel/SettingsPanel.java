package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.SettingItem;
import com.codexmanager.desktop.model.SettingsApi;
import com.codexmanager.desktop.model.SettingsSnapshot;
import com.codexmanager.desktop.rpc.RpcCallException;
import com.codexmanager.desktop.ui.EmptyState;
import com.codexmanager.desktop.ui.PageHeader;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings page: every setting from {@code appSettings/get} with its label and help text, Basic or Advanced, in
 * one card per section with links to the sections and a search (see {@link SettingsSections}), and an editor per
 * type.
 * Changes save at once; a refused value shows the service's message under the field; env-pinned values are
 * read-only and name their variable; settings that need a restart offer one. Appearance changes (theme, accent,
 * language, close-to-tray) are handed to the app to apply live; start-at-login installs or removes the OS autostart
 * entry, showing a failure under its switch. EDT only.
 */
public final class SettingsPanel extends JPanel implements PageView {
    private static final Logger log = LoggerFactory.getLogger(SettingsPanel.class);
    private static final String START_AT_LOGIN = "uiStartAtLogin";
    private static final Set<String> APPEARANCE_KEYS = Set.of("uiTheme", "uiAccent", "uiLanguage", "uiCloseToTray");

    private final DesktopContext ctx;
    private final SettingsApi api;
    private final Consumer<SettingsSnapshot> onAppearanceSaved;
    private final JPanel body = new JPanel(new BorderLayout());
    private final Map<String, SettingRow> rows = new HashMap<>();
    private boolean loaded;

    public SettingsPanel(DesktopContext ctx, Consumer<SettingsSnapshot> onAppearanceSaved) {
        super(new BorderLayout());
        this.ctx = ctx;
        this.api = new SettingsApi(ctx.rpc());
        this.onAppearanceSaved = onAppearanceSaved;
        setBorder(Ui.pad(22, 28, 0, 28));
        add(new PageHeader(ctx.text("page.settings"), ctx.text("settings.description")), BorderLayout.NORTH);
        body.setOpaque(false);
        add(body, BorderLayout.CENTER);
    }

    @Override
    public JComponent component() {
        return this;
    }

    @Override
    public void activated() {
        load();
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
        if (status.connected() && !loaded && isShowing()) {
            load();
        }
    }

    private void load() {
        ctx.jobs().deliver(api.load(), this::show, this::showLoadError);
    }

    private void showLoadError(Throwable error) {
        if (loaded) {
            return;
        }
        JButton retry = new JButton(ctx.text("banner.retry"));
        retry.addActionListener(e -> load());
        setBody(new EmptyState("warning", ctx.text("settings.loadFailed"), ErrorText.of(ctx.messages(), error),
                retry));
    }

    private void show(SettingsSnapshot snapshot) {
        if (loaded) {
            snapshot.items().forEach(i -> {
                SettingRow row = rows.get(i.key());
                if (row != null) {
                    row.update(i);
                }
            });
            return;
        }
        loaded = true;
        rows.clear();
        List<SettingRow> ordered = new ArrayList<>();
        for (SettingItem item : snapshot.items()) {
            SettingRow row = new SettingRow(ctx.messages(), item, this::save);
            rows.put(item.key(), row);
            ordered.add(row);
        }
        SettingsSections sections = new SettingsSections(ctx.messages());
        sections.setRows(ordered);
        setBody(sections);
    }

    private void save(SettingItem item, Object value) {
        SettingRow row = rows.get(item.key());
        ctx.jobs().deliver(api.save(item.key(), value), snapshot -> {
            row.clearError();
            show(snapshot);
            if (APPEARANCE_KEYS.contains(item.key())) {
                onAppearanceSaved.accept(snapshot);
            }
            if (item.key().equals(START_AT_LOGIN)) {
                applyStartAtLogin(row, snapshot);
            }
            if (item.requiresRestart()) {
                offerRestart();
            }
        }, error -> {
            row.showError(RpcCallException.from(error)
                    .filter(e -> e.kind() == RpcCallException.Kind.INVALID_PARAMS)
                    .map(e -> ctx.text("settings.invalid", stripField(e.getMessage(), item.key())))
                    .orElseGet(() -> ErrorText.of(ctx.messages(), error)));
            rows.get(item.key()).update(item);
        });
    }

    /** Installs or removes the OS autostart entry off the EDT; a failure shows under the switch. */
    private void applyStartAtLogin(SettingRow row, SettingsSnapshot snapshot) {
        boolean enabled = startAtLogin(snapshot);
        var entry = ctx.platform().autostart();
        ctx.jobs().deliver(ctx.jobs().supply(() -> {
            try {
                entry.apply(enabled);
                return entry.file();
            } catch (IOException | RuntimeException e) {
                throw new CompletionException(e);
            }
        }), file -> log.info("Start at login {}: {}", enabled ? "on" : "off", file), error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            log.warn("Cannot {} the start-at-login entry {}: {}", enabled ? "write" : "remove", entry.file(),
                    cause.toString());
            row.showError(ctx.text(enabled ? "settings.autostartInstallFailed" : "settings.autostartRemoveFailed",
                    entry.file(), String.valueOf(cause.getMessage())));
        });
    }

    /** Whether {@code uiStartAtLogin} is on in the snapshot (off when absent). */
    public static boolean startAtLogin(SettingsSnapshot snapshot) {
        var values = snapshot.values();
        return values.has(START_AT_LOGIN) && !values.get(START_AT_LOGIN).isJsonNull()
                && values.get(START_AT_LOGIN).getAsBoolean();
    }

    private static String stripField(String message, String key) {
        return message.startsWith(key + ": ") ? message.substring(key.length() + 2) : message;
    }

    private void offerRestart() {
        if (!ctx.service().embedded()) {
            JOptionPane.showMessageDialog(this, ctx.text("settings.restartRemote"), ctx.text("settings.restartTitle"),
                    JOptionPane.INFORMATION_MESSAGE);
            return;
        }
        Object[] options = {ctx.text("settings.restartNow"), ctx.text("settings.restartLater")};
        int choice = JOptionPane.showOptionDialog(this, ctx.text("settings.restartQuestion"),
                ctx.text("settings.restartTitle"), JOptionPane.YES_NO_OPTION, JOptionPane.QUESTION_MESSAGE, null,
                options, options[1]);
        if (choice == 0) {
            ctx.jobs().deliver(ctx.service().restart(), ok -> ctx.monitor().checkNow(),
                    error -> ctx.monitor().checkNow());
        }
    }

    private void setBody(JComponent content) {
        body.removeAll();
        body.add(content, BorderLayout.CENTER);
        body.revalidate();
        body.repaint();
    }
}
