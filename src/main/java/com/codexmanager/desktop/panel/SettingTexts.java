package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.SettingItem;
import java.util.List;
import java.util.Map;

/**
 * The translated label and hint of each setting the desktop knows, its group title and its choice names. Settings
 * added to the service later still show, with a label made from the key and the service's English description.
 * Keys are literals here so the bundle test can see them. Stateless.
 */
final class SettingTexts {
    private SettingTexts() {
    }

    private record Texts(String label, String hint) {
    }

    /** The groups in page order; unknown groups follow. */
    static final List<String> GROUP_ORDER = List.of("desktop", "service", "gateway", "jobs", "upstream", "login");

    private static final Map<String, String> GROUPS = Map.of(
            "desktop", "settings.group.desktop",
            "service", "settings.group.service",
            "gateway", "settings.group.gateway",
            "jobs", "settings.group.jobs",
            "upstream", "settings.group.upstream",
            "login", "settings.group.login");

    private static final Map<String, Texts> SETTINGS = Map.ofEntries(
            Map.entry("serviceAddr", new Texts("setting.serviceAddr", "setting.serviceAddr.hint")),
            Map.entry("dbPath", new Texts("setting.dbPath", "setting.dbPath.hint")),
            Map.entry("rpcToken", new Texts("setting.rpcToken", "setting.rpcToken.hint")),
            Map.entry("noService", new Texts("setting.noService", "setting.noService.hint")),
            Map.entry("httpWorkerFactor", new Texts("setting.httpWorkerFactor", "setting.httpWorkerFactor.hint")),
            Map.entry("httpWorkerMin", new Texts("setting.httpWorkerMin", "setting.httpWorkerMin.hint")),
            Map.entry("httpQueueFactor", new Texts("setting.httpQueueFactor", "setting.httpQueueFactor.hint")),
            Map.entry("httpQueueMin", new Texts("setting.httpQueueMin", "setting.httpQueueMin.hint")),
            Map.entry("logLevel", new Texts("setting.logLevel", "setting.logLevel.hint")),
            Map.entry("issuer", new Texts("setting.issuer", "setting.issuer.hint")),
            Map.entry("clientId", new Texts("setting.clientId", "setting.clientId.hint")),
            Map.entry("originator", new Texts("setting.originator", "setting.originator.hint")),
            Map.entry("redirectUri", new Texts("setting.redirectUri", "setting.redirectUri.hint")),
            Map.entry("loginAddr", new Texts("setting.loginAddr", "setting.loginAddr.hint")),
            Map.entry("allowNonLoopbackLoginAddr",
                    new Texts("setting.allowNonLoopbackLoginAddr", "setting.allowNonLoopbackLoginAddr.hint")),
            Map.entry("upstreamBaseUrl", new Texts("setting.upstreamBaseUrl", "setting.upstreamBaseUrl.hint")),
            Map.entry("upstreamFallbackBaseUrl",
                    new Texts("setting.upstreamFallbackBaseUrl", "setting.upstreamFallbackBaseUrl.hint")),
            Map.entry("upstreamCookie", new Texts("setting.upstreamCookie", "setting.upstreamCookie.hint")),
            Map.entry("upstreamProxyUrl", new Texts("setting.upstreamProxyUrl", "setting.upstreamProxyUrl.hint")),
            Map.entry("usageBaseUrl", new Texts("setting.usageBaseUrl", "setting.usageBaseUrl.hint")),
            Map.entry("upstreamConnectTimeoutSecs",
                    new Texts("setting.upstreamConnectTimeoutSecs", "setting.upstreamConnectTimeoutSecs.hint")),
            Map.entry("routeStrategy", new Texts("setting.routeStrategy", "setting.routeStrategy.hint")),
            Map.entry("requestGateWaitTimeoutMs",
                    new Texts("setting.requestGateWaitTimeoutMs", "setting.requestGateWaitTimeoutMs.hint")),
            Map.entry("accountMaxInflight", new Texts("setting.accountMaxInflight", "setting.accountMaxInflight.hint")),
            Map.entry("gatewayKeepaliveIntervalSecs",
                    new Texts("setting.gatewayKeepaliveIntervalSecs", "setting.gatewayKeepaliveIntervalSecs.hint")),
            Map.entry("traceBodyPreviewMaxBytes",
                    new Texts("setting.traceBodyPreviewMaxBytes", "setting.traceBodyPreviewMaxBytes.hint")),
            Map.entry("frontProxyMaxBodyBytes",
                    new Texts("setting.frontProxyMaxBodyBytes", "setting.frontProxyMaxBodyBytes.hint")),
            Map.entry("disablePolling", new Texts("setting.disablePolling", "setting.disablePolling.hint")),
            Map.entry("usagePollIntervalSecs",
                    new Texts("setting.usagePollIntervalSecs", "setting.usagePollIntervalSecs.hint")),
            Map.entry("uiTheme", new Texts("setting.uiTheme", "setting.uiTheme.hint")),
            Map.entry("uiAccent", new Texts("setting.uiAccent", "setting.uiAccent.hint")),
            Map.entry("uiLanguage", new Texts("setting.uiLanguage", "setting.uiLanguage.hint")),
            Map.entry("uiCloseToTray", new Texts("setting.uiCloseToTray", "setting.uiCloseToTray.hint")),
            Map.entry("uiStartAtLogin", new Texts("setting.uiStartAtLogin", "setting.uiStartAtLogin.hint")));

    private static final Map<String, String> CHOICES = Map.ofEntries(
            Map.entry("uiTheme=system", "choice.theme.system"),
            Map.entry("uiTheme=light", "choice.theme.light"),
            Map.entry("uiTheme=dark", "choice.theme.dark"),
            Map.entry("uiLanguage=system", "choice.language.system"),
            Map.entry("uiLanguage=zh-CN", "choice.language.zhCN"),
            Map.entry("uiLanguage=en", "choice.language.en"),
            Map.entry("uiAccent=blue", "choice.accent.blue"),
            Map.entry("uiAccent=purple", "choice.accent.purple"),
            Map.entry("uiAccent=teal", "choice.accent.teal"),
            Map.entry("uiAccent=green", "choice.accent.green"),
            Map.entry("uiAccent=orange", "choice.accent.orange"),
            Map.entry("uiAccent=pink", "choice.accent.pink"),
            Map.entry("routeStrategy=ordered", "choice.route.ordered"),
            Map.entry("routeStrategy=balanced", "choice.route.balanced"));

    static String group(Messages messages, String group) {
        String key = GROUPS.get(group);
        return key != null ? messages.text(key) : humanize(group);
    }

    static String label(Messages messages, SettingItem item) {
        Texts texts = SETTINGS.get(item.key());
        return texts != null ? messages.text(texts.label()) : humanize(item.key());
    }

    static String hint(Messages messages, SettingItem item) {
        Texts texts = SETTINGS.get(item.key());
        return texts != null ? messages.text(texts.hint()) : item.description();
    }

    static String choice(Messages messages, String settingKey, String value) {
        String key = CHOICES.get(settingKey + "=" + value);
        return key != null ? messages.text(key) : value;
    }

    /** {@code usagePollIntervalSecs} → "Usage poll interval secs". */
    static String humanize(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(out.length() == 0 ? Character.toUpperCase(c) : c);
            }
        }
        return out.toString();
    }
}
