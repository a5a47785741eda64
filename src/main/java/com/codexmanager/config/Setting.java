package com.codexmanager.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of every {@code CODEXMANAGER_*} setting: name, type, default, bounds and description.
 *
 * <p>Parsing ({@link Settings}), the README table, {@code env-samples/codexmanager.env} and the desktop's
 * settings page are all derived from this enum. Add a setting here and nowhere else.
 */
public enum Setting {
    // --- service ---------------------------------------------------------------------------------------------
    SERVICE_ADDR(spec(Group.SERVICE, SettingType.ADDRESS, "localhost:48760",
            "Address the service (gateway, RPC, /health) listens on. Use 0.0.0.0:48760 to serve a LAN.")
            .restart().startCritical()),
    DB_PATH(spec(Group.SERVICE, SettingType.PATH, "",
            "H2 database file. Its folder becomes the data dir. Default: <data dir>/codexmanager.mv.db.")
            .envOnly().startCritical()),
    DB_URL(spec(Group.SERVICE, SettingType.JDBC_URL, "",
            "PostgreSQL database shared by several instances, e.g. jdbc:postgresql://db:5432/codexmanager. Empty: "
                    + "the embedded H2 file at DB_PATH. Needs SECRET_KEY or SECRET_KEY_FILE.")
            .envOnly().startCritical()),
    DB_USER(spec(Group.SERVICE, SettingType.STRING, "",
            "PostgreSQL user (with DB_URL).").envOnly()),
    DB_PASSWORD(spec(Group.SERVICE, SettingType.SECRET, "",
            "PostgreSQL password (with DB_URL).").envOnly()),
    SECRET_KEY(spec(Group.SERVICE, SettingType.SECRET, "",
            "Base64 of the 32-byte key that encrypts tokens in the database; the same on every instance of one "
                    + "PostgreSQL database (make one: head -c 32 /dev/urandom | base64). Default with H2: "
                    + "<data dir>/codexmanager.key.").envOnly()),
    SECRET_KEY_FILE(spec(Group.SERVICE, SettingType.PATH, "",
            "A file holding SECRET_KEY (its base64 text, or a codexmanager.key file).").envOnly()),
    INSTANCE_NAME(spec(Group.SERVICE, SettingType.STRING, "",
            "This instance's name in request logs and job leases. Default: host name and port.").envOnly()),
    RPC_TOKEN(spec(Group.SERVICE, SettingType.SECRET, "",
            "Token required in X-CodexManager-Rpc-Token. Default: read or create <data dir>/codexmanager.rpc-token.")
            .envOnly()),
    NO_SERVICE(spec(Group.SERVICE, SettingType.FLAG, "",
            "Desktop only: do not start the embedded service; connect to SERVICE_ADDR with RPC_TOKEN instead.")
            .envOnly()),
    SHUTDOWN_DRAIN_SECS(spec(Group.SERVICE, SettingType.INTEGER, "20",
            "On stop (SIGTERM, Ctrl-C, Quit), how long open requests may run on before each open stream is ended "
                    + "with a terminal error event, in seconds. The port is released at once.", 0, 600)),
    LOG_LEVEL(spec(Group.SERVICE, SettingType.CHOICE, "info",
            "Log level of the console and the log file.", List.of("error", "warn", "info", "debug", "trace"))),

    // --- login -----------------------------------------------------------------------------------------------
    ISSUER(spec(Group.LOGIN, SettingType.URL, "https://auth.openai.com",
            "OAuth issuer used for login and token refresh.")),
    CLIENT_ID(spec(Group.LOGIN, SettingType.STRING, "app_EMoamEEZ73f0CkXaXp7hrann",
            "OAuth public client id.")),
    ORIGINATOR(spec(Group.LOGIN, SettingType.STRING, "codex_cli_rs",
            "originator sent on authorize and upstream requests.")),
    REDIRECT_URI(spec(Group.LOGIN, SettingType.URL, "http://localhost:1455/auth/callback",
            "OAuth redirect URI registered for the client id.")),
    LOGIN_ADDR(spec(Group.LOGIN, SettingType.ADDRESS, "localhost:1455",
            "Address of the local OAuth callback server.")),
    ALLOW_NON_LOOPBACK_LOGIN_ADDR(spec(Group.LOGIN, SettingType.BOOLEAN, "false",
            "Allow LOGIN_ADDR to bind a non-loopback address.")),

    // --- upstream --------------------------------------------------------------------------------------------
    UPSTREAM_BASE_URL(spec(Group.UPSTREAM, SettingType.URL, "https://chatgpt.com/backend-api/codex",
            "Codex backend base URL. Bare https://chatgpt.com or https://chat.openai.com get /backend-api/codex.",
            UpstreamUrls::normaliseCodexBase)),
    UPSTREAM_FALLBACK_BASE_URL(spec(Group.UPSTREAM, SettingType.URL, "",
            "Optional second upstream tried once after a challenge/401/403/429 from the primary. Off by default: "
                    + "the seed's api.openai.com fallback does not accept ChatGPT tokens.",
            UpstreamUrls::normaliseCodexBase)),
    UPSTREAM_WEBSOCKET(spec(Group.UPSTREAM, SettingType.CHOICE, "auto",
            "How a Codex WebSocket turn reaches the backend. auto: over one upstream WebSocket per client socket and "
                    + "account (GET …/responses upgraded), reused for the next turns; after a 426 (or another refusal "
                    + "that means no WebSocket there) that base URL is served over HTTP SSE for 15 minutes, and a "
                    + "handshake that fails otherwise serves that turn over HTTP SSE. Connections through a proxy "
                    + "always use HTTP SSE. off: always HTTP SSE. HTTP clients always get HTTP SSE.",
            List.of("auto", "off"))),
    UPSTREAM_COOKIE(spec(Group.UPSTREAM, SettingType.SECRET, "",
            "Optional Cookie header sent upstream (e.g. a cf_clearance cookie).")),
    UPSTREAM_PROXY_URL(spec(Group.UPSTREAM, SettingType.PROXY_URL, "",
            "One outbound proxy for every call to ChatGPT and the OAuth issuer (gateway, usage, token refresh and "
                    + "the login code exchange, since a blocked region blocks those too). http:// takes optional "
                    + "user:password@; https:// is spoken to in plain HTTP too (no TLS to the proxy); socks5:// "
                    + "resolves names locally, socks5h:// and socks:// let the proxy resolve them; the SOCKS forms "
                    + "take optional user:password@ too. "
                    + "Loopback targets always go direct. Empty: direct connections. Applies to the next request.")),
    USAGE_BASE_URL(spec(Group.UPSTREAM, SettingType.URL, "https://chatgpt.com",
            "Base URL of the usage endpoint (/backend-api/wham/usage).", UpstreamUrls::normaliseUsageBase)),
    UPSTREAM_CONNECT_TIMEOUT_SECS(spec(Group.UPSTREAM, SettingType.INTEGER, "15",
            "Connect timeout toward the upstream, in seconds.", 1, 300)),

    // --- gateway ---------------------------------------------------------------------------------------------
    ROUTE_STRATEGY(spec(Group.GATEWAY, SettingType.CHOICE, "ordered",
            "Account order for new conversations: ordered (by sort, round the list), balanced (round-robin per key "
                    + "and model) or headroom (the account with the most usable quota in both windows, quota that "
                    + "resets soonest first). Aliases: round_robin, rr, order, sequential, quota.",
            List.of("ordered", "balanced", "headroom"),
            Map.ofEntries(Map.entry("round_robin", "balanced"), Map.entry("round-robin", "balanced"),
                    Map.entry("rr", "balanced"), Map.entry("order", "ordered"), Map.entry("sequential", "ordered"),
                    Map.entry("priority", "ordered"), Map.entry("quota", "headroom"),
                    Map.entry("quota_aware", "headroom")))),
    HEADROOM_HIGH_WATER_PERCENT(spec(Group.GATEWAY, SettingType.INTEGER, "85",
            "headroom strategy: an account used this much of either window gets no new conversation while another "
                    + "below half can serve, and its conversations move on, in percent.", 50, 100)),
    REQUEST_GATE_WAIT_TIMEOUT_MS(spec(Group.GATEWAY, SettingType.INTEGER, "300",
            "How long a request may wait for an account slot when all are at their in-flight limit, in ms.",
            0, 60_000)),
    GATEWAY_MAX_INFLIGHT(spec(Group.GATEWAY, SettingType.INTEGER, "1024",
            "Gateway requests served at once (HTTP requests and WebSocket turns); one more is refused at once with 503 "
                    + "server_busy and Retry-After: 1 (529 overloaded_error for Anthropic clients).", 1, 100_000)),
    ACCOUNT_MAX_INFLIGHT(spec(Group.GATEWAY, SettingType.INTEGER, "0",
            "Maximum concurrent requests per account; 0 means unlimited.", 0, 10_000)),
    GATEWAY_KEEPALIVE_INTERVAL_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "180",
            "Interval of the keepalive job that keeps tokens fresh and connections warm, in seconds.",
            30, 86_400)),
    TRACE_BODY_PREVIEW_MAX_BYTES(spec(Group.GATEWAY, SettingType.INTEGER, "0",
            "Bytes of each client request body kept, redacted, in gateway-trace.log (event REQUEST_BODY); 0 keeps "
                    + "none.", 0, 1_048_576)),
    FRONT_PROXY_MAX_BODY_BYTES(spec(Group.GATEWAY, SettingType.INTEGER, "16777216",
            "Largest accepted request body, in bytes.", 1024, 1_073_741_824)),
    UPSTREAM_FIRST_BYTE_TIMEOUT_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "120",
            "How long to wait for the first event of an upstream answer before trying another account, in seconds.",
            1, 3600)),
    UPSTREAM_IDLE_TIMEOUT_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "300",
            "Longest silence between upstream events before the stream is ended with an error, in seconds.",
            1, 3600)),
    SSE_KEEPALIVE_INTERVAL_MS(spec(Group.GATEWAY, SettingType.INTEGER, "15000",
            "Keep-alive comment (or Anthropic ping) sent to clients while the upstream is silent, in ms.",
            100, 600_000)),
    WEBSOCKET_ENABLED(spec(Group.GATEWAY, SettingType.BOOLEAN, "true",
            "Serve the Responses API over a WebSocket on GET /v1/responses (Codex CLI with supports_websockets = "
                    + "true). false answers the upgrade with 426, and Codex falls back to HTTP at once; turning it "
                    + "off closes the open ones (a turn in progress finishes first).")),
    WEBSOCKET_IDLE_TIMEOUT_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "900",
            "A Responses WebSocket that has not started a turn for this long is closed; Codex opens a new one for "
                    + "its next turn. In seconds.", 10, 86_400)),
    WEBSOCKET_MAX_LIFETIME_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "3600",
            "A Responses WebSocket is closed after this long, like the upstream's 60-minute limit: a turn in "
                    + "progress finishes first, and a turn asked for later gets websocket_connection_limit_reached, "
                    + "on which Codex reconnects. In seconds.", 60, 86_400)),
    GATEWAY_MAX_ATTEMPTS(spec(Group.GATEWAY, SettingType.INTEGER, "4",
            "Accounts tried per request before giving up (failover bound).", 1, 50)),
    GATEWAY_FAILOVER_BUDGET_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "180",
            "No new failover attempt starts after this many seconds of a request.", 1, 3600)),
    AFFINITY_TTL_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "3600",
            "How long a conversation stays bound to the account that served it; 0 turns affinity off.",
            0, 604_800)),
    MODELS_REFRESH_INTERVAL_SECS(spec(Group.GATEWAY, SettingType.INTEGER, "21600",
            "How often the cached model list is refreshed from the upstream, in seconds.", 300, 604_800)),
    TRACE_LOG_MAX_BYTES(spec(Group.GATEWAY, SettingType.INTEGER, "10485760",
            "Size at which gateway-trace.log is rotated (3 old files are kept), in bytes.", 4096, 1_073_741_824)),
    REQUEST_LOG_RETENTION_DAYS(spec(Group.GATEWAY, SettingType.INTEGER, "30",
            "Days request-log rows are kept; hourly totals are kept for good.", 1, 3650)),
    CLAUDE_MODEL_MAP(spec(Group.GATEWAY, SettingType.STRING,
            "*opus*=gpt-5.6-sol|gpt-5.5,*sonnet*=gpt-5.5|gpt-5.6-terra,*haiku*=gpt-5.4-mini|gpt-5.6-luna",
            "Model aliases for Claude and other clients: comma-separated pattern=model|model…, first match wins, * "
                    + "matches any text, case-insensitive. The first listed model that an account able to serve "
                    + "offers is used; when none is offered, the best model of the pool's catalogue for the tier "
                    + "(opus, sonnet: the top model; haiku, mini: the smallest). Unmatched names pass through; a "
                    + "key's model binding still wins.")),

    // --- background jobs -------------------------------------------------------------------------------------
    DISABLE_POLLING(spec(Group.JOBS, SettingType.FLAG, "",
            "Turn automatic usage fetching off: the poller and the fetch right after an account is added. "
                    + "Manual refresh and gateway rate-limit headers still update usage.")),
    USAGE_POLL_INTERVAL_SECS(spec(Group.JOBS, SettingType.INTEGER, "600",
            "Usage polling interval, in seconds (plus 0-5 s jitter).", 30, 86_400)),
    USAGE_REFRESH_WORKERS(spec(Group.JOBS, SettingType.INTEGER, "4",
            "Concurrent usage fetches of the poller and of \"refresh all\".", 1, 64).restart()),
    USAGE_HISTORY_DAYS(spec(Group.JOBS, SettingType.INTEGER, "7",
            "Days of usage snapshots kept per account for charts; the latest snapshot is always kept.", 1, 365)),
    TOKEN_REFRESH_POLL_INTERVAL_SECS(spec(Group.JOBS, SettingType.INTEGER, "60",
            "How often the token refresher looks for access tokens that expire soon, in seconds.", 1, 86_400)),
    TOKEN_REFRESH_AHEAD_SECS(spec(Group.JOBS, SettingType.INTEGER, "900",
            "Refresh an access token this many seconds before its exp claim (background refreshes are spread over "
                    + "up to a quarter more, so accounts added together do not all rotate at once).", 60, 604_800)),
    TOKEN_REFRESH_CONCURRENCY(spec(Group.JOBS, SettingType.INTEGER, "4",
            "Token refreshes that may run at once, background and on-demand together. A refresh that is "
                    + "interrupted by a crash after the issuer answered loses that account's login, so fewer is "
                    + "safer.", 1, 64).restart()),
    ACCOUNT_IMPORT_BATCH_SIZE(spec(Group.JOBS, SettingType.INTEGER, "200",
            "Accounts written per database transaction during account/import.", 1, 10_000)),

    // --- desktop ---------------------------------------------------------------------------------------------
    UI_THEME(spec(Group.DESKTOP, SettingType.CHOICE, "system",
            "Desktop theme.", List.of("system", "light", "dark"))),
    UI_ACCENT(spec(Group.DESKTOP, SettingType.CHOICE, "blue",
            "Accent colour of the desktop windows.", List.of("blue", "purple", "teal", "green", "orange", "pink"))),
    UI_LANGUAGE(spec(Group.DESKTOP, SettingType.CHOICE, "system",
            "Desktop language: system follows the OS locale.", List.of("system", "zh-CN", "en"))),
    UI_CLOSE_TO_TRAY(spec(Group.DESKTOP, SettingType.BOOLEAN, "true",
            "Closing a window keeps the app running in the tray.")),
    UI_START_AT_LOGIN(spec(Group.DESKTOP, SettingType.BOOLEAN, "false",
            "Start the desktop when the user logs in (an XDG autostart file, a LaunchAgent or a Startup script)."));

    /** Where a setting belongs in docs and on the settings page. */
    public enum Group {
        SERVICE("Service"), LOGIN("Login"), UPSTREAM("Upstream"), GATEWAY("Gateway"), JOBS("Background jobs"),
        DESKTOP("Desktop");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public static final String PREFIX = "CODEXMANAGER_";

    private final SettingSpec spec;

    Setting(SettingSpec spec) {
        this.spec = spec;
    }

    private static SettingSpec spec(Group group, SettingType type, String defaultValue, String description) {
        return new SettingSpec(group, type, defaultValue, description);
    }

    private static SettingSpec spec(Group group, SettingType type, String defaultValue, String description,
            long min, long max) {
        return spec(group, type, defaultValue, description).bounds(min, max);
    }

    private static SettingSpec spec(Group group, SettingType type, String defaultValue, String description,
            List<String> choices) {
        return spec(group, type, defaultValue, description).choices(choices, Map.of());
    }

    private static SettingSpec spec(Group group, SettingType type, String defaultValue, String description,
            List<String> choices, Map<String, String> aliases) {
        return spec(group, type, defaultValue, description).choices(choices, aliases);
    }

    private static SettingSpec spec(Group group, SettingType type, String defaultValue, String description,
            java.util.function.UnaryOperator<String> normaliser) {
        return spec(group, type, defaultValue, description).normaliser(normaliser);
    }

    /** The environment variable, e.g. {@code CODEXMANAGER_SERVICE_ADDR}. */
    public String envName() {
        return PREFIX + name();
    }

    /** The camelCase key used over RPC, e.g. {@code serviceAddr}. */
    public String key() {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    public Group group() {
        return spec.group();
    }

    public SettingType type() {
        return spec.type();
    }

    /** The default as text; empty means "not set". */
    public String defaultValue() {
        return spec.defaultValue();
    }

    public String description() {
        return spec.description();
    }

    public boolean hasBounds() {
        return spec.hasBounds();
    }

    public long min() {
        return spec.min();
    }

    public long max() {
        return spec.max();
    }

    public List<String> choices() {
        return spec.choices();
    }

    public Map<String, String> aliases() {
        return spec.aliases();
    }

    String normalise(String value) {
        return spec.normaliser().apply(value);
    }

    /** Whether a change takes effect only after the service restarts. */
    public boolean restartRequired() {
        return spec.restartRequired();
    }

    /** Settings that only the environment may set: never stored, never changed over RPC. */
    public boolean locked() {
        return spec.locked();
    }

    public boolean secret() {
        return spec.type() == SettingType.SECRET;
    }

    /** Whether a value saved over RPC is encrypted in the database: secrets and proxy URLs (their password). */
    public boolean encryptedAtRest() {
        return spec.type() == SettingType.SECRET || spec.type() == SettingType.PROXY_URL;
    }

    /**
     * Whether the service cannot start without a valid value: an invalid one stops the start (exit code 2, naming the
     * variable, the value and where it came from) instead of falling back to the default.
     */
    public boolean neededToStart() {
        return spec.neededToStart();
    }

    /** Looks a setting up by env name, bare name or RPC key. */
    public static Optional<Setting> find(String name) {
        for (Setting s : values()) {
            if (s.envName().equals(name) || s.name().equals(name) || s.key().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
