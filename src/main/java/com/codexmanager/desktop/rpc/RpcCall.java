package com.codexmanager.desktop.rpc;

import java.util.Set;

/**
 * Every RPC call the desktop makes, with the parameter names it may send: the desktop's side of the RPC contract in
 * one place. {@link RpcClient} refuses to send a parameter a call does not declare, and a test checks every entry
 * against the service's own method table ({@code rpc/methods}), so a renamed method or parameter fails the build
 * instead of being silently ignored by the service. Immutable.
 */
public enum RpcCall {
    INITIALIZE("initialize"),
    RPC_METHODS("rpc/methods"),
    SETTINGS_GET("appSettings/get"),
    /** Takes any setting key; the service declares that as the one pseudo-parameter {@code <settingKey>}. */
    SETTINGS_SET("appSettings/set", "<settingKey>"),
    /** Offered by the embedded service of a running desktop, for a second launch. */
    DESKTOP_SHOW("desktop/show", "page"),

    ACCOUNT_LIST("account/list", "query", "groupFilter", "statusFilter", "page", "pageSize"),
    ACCOUNT_UPDATE("account/update", "accountId", "label", "groupName", "tags", "note", "status", "proxyUrl"),
    ACCOUNT_UPDATE_SORTS("account/updateSorts", "accountIds"),
    ACCOUNT_DELETE("account/delete", "accountId"),
    ACCOUNT_DELETE_MANY("account/deleteMany", "accountIds"),
    ACCOUNT_IMPORT("account/import", "contents"),
    ACCOUNT_EXPORT("account/export", "outputDir"),
    LOGIN_START("account/login/start", "type", "method", "openBrowser", "groupName", "note", "tags"),
    LOGIN_STATUS("account/login/status", "loginId"),
    LOGIN_COMPLETE("account/login/complete", "callbackUrl"),
    LOGIN_CANCEL("account/login/cancel", "loginId"),
    USAGE_LIST("account/usage/list"),
    USAGE_AGGREGATE("account/usage/aggregate"),
    USAGE_FORECAST("account/usage/forecast"),
    USAGE_REFRESH("account/usage/refresh", "accountId"),
    JOB_STATUS("job/status", "jobId"),

    KEY_LIST("apikey/list"),
    KEY_MODELS("apikey/models"),
    KEY_CREATE("apikey/create", "name", "protocolType", "modelSlug", "reasoningEffort", "allowedModels",
            "accountGroup", "expiresAt", "upstreamBaseUrl", "azureApiKey", "limits"),
    KEY_UPDATE("apikey/update", "id", "name", "protocolType", "modelSlug", "reasoningEffort", "allowedModels",
            "accountGroup", "expiresAt", "upstreamBaseUrl", "azureApiKey", "limits"),
    KEY_USAGE("apikey/usage", "id", "from", "to"),
    KEY_ENABLE("apikey/enable", "id"),
    KEY_DISABLE("apikey/disable", "id"),
    KEY_DELETE("apikey/delete", "id"),

    LOG_LIST("requestlog/list", "query", "statusFilter", "keyId", "from", "to", "page", "pageSize"),
    LOG_SUMMARY("requestlog/summary", "from", "to", "bucket", "utcOffsetMinutes"),
    LOG_TRACE("requestlog/trace", "traceId"),

    PIN_GET("gateway/manualAccount/get"),
    PIN_SET("gateway/manualAccount/set", "accountId"),
    PIN_CLEAR("gateway/manualAccount/clear");

    /** The pseudo-parameter name under which {@code appSettings/set} declares "any setting key". */
    public static final String SETTING_KEYS = "<settingKey>";

    private final String method;
    private final Set<String> params;

    RpcCall(String method, String... params) {
        this.method = method;
        this.params = Set.of(params);
    }

    /** The JSON-RPC method name, e.g. {@code apikey/create}. */
    public String method() {
        return method;
    }

    /** The parameter names this call may send. */
    public Set<String> params() {
        return params;
    }

    /** Whether {@code name} may be sent with this call. */
    public boolean accepts(String name) {
        return params.contains(name) || params.contains(SETTING_KEYS);
    }
}
