package com.codexmanager.testkit;

import io.javalin.Javalin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A loopback server that plays both {@code auth.openai.com} and {@code chatgpt.com/backend-api} for tests
 * (codex-protocol.md §9). Start one per test class or per test with {@link #start()} and close it when done.
 *
 * <p>Thread-safe: tests may script it while requests are in flight. All state lives in the instance. Time
 * comes from {@link FakeUpstreamOptions#clock()} (use a {@link TestClock}); only the stall scenarios wait in
 * real time, and {@link #close()} cuts those short. Lifecycle: {@link #start} binds {@code 127.0.0.1} on a
 * free port; {@link #close()} is idempotent and stops all threads.
 */
public final class FakeUpstream implements AutoCloseable {
    public static final String AUTHORIZE_PATH = "/oauth/authorize";
    public static final String TOKEN_PATH = "/oauth/token";
    public static final String REVOKE_PATH = "/oauth/revoke";
    public static final String RESPONSES_PATH = "/backend-api/codex/responses";
    public static final String COMPACT_PATH = "/backend-api/codex/responses/compact";
    public static final String MODELS_PATH = "/backend-api/codex/models";
    public static final String USAGE_PATH = "/backend-api/wham/usage";
    public static final String CODEX_API_USAGE_PATH = "/api/codex/usage";
    public static final String DEVICE_USERCODE_PATH = "/api/accounts/deviceauth/usercode";
    public static final String DEVICE_TOKEN_PATH = "/api/accounts/deviceauth/token";
    public static final String DEVICE_PAGE_PATH = "/codex/device";
    private static final long IDLE_TIMEOUT_MILLIS = Duration.ofMinutes(10).toMillis();

    private final FakeUpstreamOptions options;
    private final RequestLog log = new RequestLog();
    private final ShutdownSignal shutdown = new ShutdownSignal();
    private final Queue<Scenario> sharedScript = new ConcurrentLinkedQueue<>();
    private final ModelCatalog catalog = new ModelCatalog();
    private final TokenRegistry tokens;
    private final AccountDirectory accounts;
    private final AuthorizeEndpoint authorize;
    private final TokenEndpoint token;
    private final DeviceAuthEndpoint device;
    private final ResponsesSocketEndpoint sockets;
    private final Javalin app;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String baseUrl;

    private FakeUpstream(FakeUpstreamOptions options) {
        this.options = options;
        this.tokens = new TokenRegistry(new JwtMinter(this::issuer), options.clock());
        this.accounts = new AccountDirectory(options, tokens);
        AuthorizationCodes codes = new AuthorizationCodes();
        this.authorize = new AuthorizeEndpoint(accounts, codes, options);
        this.token = new TokenEndpoint(tokens, accounts, codes, options.clock());
        this.device = new DeviceAuthEndpoint(accounts, codes, options, this::issuer);
        FakeRoutes routes = new FakeRoutes(options, tokens, accounts, catalog, log, shutdown, sharedScript);
        this.sockets = routes.sockets();
        this.app = Javalin.create(cfg -> routes.configure(cfg, authorize, token, device, sockets));
    }

    /** Starts a fake with {@link FakeUpstreamOptions#DEFAULT}. */
    public static FakeUpstream start() {
        return start(FakeUpstreamOptions.DEFAULT);
    }

    public static FakeUpstream start(FakeUpstreamOptions options) {
        FakeUpstream fake = new FakeUpstream(options);
        fake.app.start("127.0.0.1", 0);
        for (Connector connector : fake.app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            }
        }
        fake.baseUrl = "http://127.0.0.1:" + fake.app.port();
        return fake;
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return app.port();
    }

    /** The OAuth issuer ({@code https://auth.openai.com} in production): same as {@link #baseUrl()}. */
    public String issuer() {
        return baseUrl;
    }

    /** The Responses base ({@code https://chatgpt.com/backend-api/codex} in production). */
    public String codexBaseUrl() {
        return baseUrl + "/backend-api/codex";
    }

    /** The {@code chatgpt_base_url} ({@code https://chatgpt.com/backend-api} in production). */
    public String chatgptBaseUrl() {
        return baseUrl + "/backend-api";
    }

    /** Base for the usage endpoint: {@code /backend-api/wham/usage} and {@code /api/codex/usage} hang off it. */
    public String usageBaseUrl() {
        return baseUrl;
    }

    public Clock clock() {
        return options.clock();
    }

    public FakeUpstreamOptions options() {
        return options;
    }

    /**
     * The authorize URL the Codex CLI would open (codex-protocol.md §1.3) for {@code redirectUri},
     * {@code S256} challenge and state.
     */
    public String authorizeUrl(String redirectUri, String codeChallenge, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", OAuthConstants.CLIENT_ID);
        params.put("redirect_uri", redirectUri);
        params.put("scope", OAuthConstants.DEFAULT_SCOPE);
        params.put("code_challenge", codeChallenge);
        params.put("code_challenge_method", "S256");
        params.put("id_token_add_organizations", "true");
        params.put("codex_cli_simplified_flow", "true");
        params.put("state", state);
        params.put("originator", "codex_cli_rs");
        StringBuilder url = new StringBuilder(issuer()).append(AUTHORIZE_PATH);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            url.append(separator).append(param.getKey()).append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            separator = '&';
        }
        return url.toString();
    }

    /** Creates a plus account with generated ids and a first token set (no OAuth round trip). */
    public FakeAccount createAccount() {
        return createAccount(AccountSpec.DEFAULT);
    }

    public FakeAccount createAccount(AccountSpec spec) {
        return accounts.create(spec);
    }

    /** The account with this {@code chatgpt_account_id}; throws {@link IllegalArgumentException} if unknown. */
    public FakeAccount account(String accountId) {
        return accounts.require(accountId);
    }

    public List<FakeAccount> accounts() {
        return accounts.all();
    }

    /**
     * Whether {@code GET /responses} may be upgraded to a WebSocket (codex-protocol.md §2.9); off (the default), the
     * upgrade is answered 426 and clients use HTTP SSE. Takes effect on the next upgrade; open sockets stay.
     */
    public FakeUpstream serveWebSockets(boolean on) {
        sockets.enable(on);
        return this;
    }

    /** Answers every later WebSocket upgrade with {@code status} instead of switching protocols; 0 stops it. */
    public FakeUpstream refuseWebSocketUpgradesWith(int status) {
        sockets.refuseUpgradesWith(status);
        return this;
    }

    /** The next {@code turns} WebSocket turns meet the backend's 60-minute connection limit (error frame, close). */
    public FakeUpstream connectionLimitOnNextSocketTurns(int turns) {
        sockets.connectionLimitOnNextTurns(turns);
        return this;
    }

    /** Model turns of the requests to {@code path} (HTTP POSTs and WebSocket frames, not upgrades), oldest first. */
    public List<RecordedRequest> turns(String path) {
        return log.byPath(path).stream().filter(RecordedRequest::turn).toList();
    }

    /** Answers the next {@code /responses} calls of any account with these scenarios (after per-account ones). */
    public FakeUpstream enqueue(Scenario... scenarios) {
        for (Scenario scenario : scenarios) {
            sharedScript.add(scenario);
        }
        return this;
    }

    /**
     * The user in the "browser": authorize and device approvals sign in as this account until changed. Null
     * (the default) signs in as a brand-new plus account each time.
     */
    public void signInAs(FakeAccount account) {
        accounts.signInAs(account);
    }

    /** Makes the next {@code /oauth/authorize} redirect with this fault. */
    public void failNextAuthorize(AuthorizeFault fault) {
        authorize.failNext(fault);
    }

    /** While on, the API-key token exchange answers 401. */
    public void failApiKeyExchange(boolean fail) {
        token.failApiKeyExchange(fail);
    }

    /** The user enters {@code userCode} on the device page; false when no such code is waiting. */
    public boolean approveDevice(String userCode) {
        return device.approve(userCode);
    }

    /** Approves every device code by itself once it has been polled more than {@code polls} times; -1 stops. */
    public void autoApproveDevicesAfterPolls(int polls) {
        device.autoApproveAfterPolls(polls);
    }

    /** The user refuses {@code userCode} on the device page; false when no such code waits. */
    public boolean denyDevice(String userCode) {
        return device.deny(userCode);
    }

    /** The issuer voids {@code userCode}: its polls answer {@code expired_token}. */
    public boolean expireDevice(String userCode) {
        return device.expire(userCode);
    }

    /** The next {@code polls} device token polls answer {@code 429 slow_down}. */
    public void slowDownDevicePolls(int polls) {
        device.slowDownNextPolls(polls);
    }

    /** While on, device login is "not enabled": the user-code endpoint answers 404. */
    public void disableDeviceLogin(boolean disabled) {
        device.disable(disabled);
    }

    /** Token polls made for {@code userCode} so far. */
    public int devicePolls(String userCode) {
        return device.polls(userCode);
    }

    public List<String> pendingDeviceCodes() {
        return device.pendingUserCodes();
    }

    /** The catalogue ETag, also sent as {@code x-models-etag}. */
    public String modelsEtag() {
        return catalog.etag();
    }

    /** Pretends the catalogue changed; returns the new ETag. */
    public String changeModelsCatalog() {
        return catalog.bump();
    }

    /**
     * Gives every account of {@code plan} exactly these models, best first (names the fake does not know get a
     * plain definition, like a later renamed catalogue); in strict-model mode other models are refused with the
     * backend's 400. Moves the models ETag on.
     */
    public void setPlanModels(String plan, String... slugs) {
        catalog.setPlanModels(plan, List.of(slugs));
    }

    /**
     * While on, {@code GET /models} answers {@code 404 {"detail":"Not Found"}} (an upstream or relay without the
     * endpoint), so a client learns no catalogue; {@code /responses} still refuses, in strict-model mode, the models
     * a plan lacks.
     */
    public void failModelsList(boolean fail) {
        catalog.listUnavailable(fail);
    }

    public List<RecordedRequest> requests() {
        return log.all();
    }

    /** Requests whose path (without query) equals {@code path}, oldest first. */
    public List<RecordedRequest> requests(String path) {
        return log.byPath(path);
    }

    public Optional<RecordedRequest> lastRequest() {
        return log.last();
    }

    public Optional<RecordedRequest> lastRequest(String path) {
        return log.last(path);
    }

    /** Waits until at least {@code count} requests to {@code path} arrived; false on timeout. */
    public boolean awaitRequests(String path, int count, Duration timeout) throws InterruptedException {
        return log.awaitRequests(path, count, timeout);
    }

    /** {@code POST /oauth/token} calls of every grant type. */
    public int tokenRequests() {
        return log.tokenRequests();
    }

    public int refreshCount(String accountId) {
        return account(accountId).refreshCount();
    }

    public int responsesCount(String accountId) {
        return account(accountId).responsesCount();
    }

    /** SSE replies that are being written right now. */
    public int openStreams() {
        return log.openStreams();
    }

    public boolean awaitOpenStreams(int count, Duration timeout) throws InterruptedException {
        return log.awaitOpenStreams(count, timeout);
    }

    /** SSE replies that ended because the client hung up (seen in a pause or as a failed write). */
    public int disconnects() {
        return log.disconnects();
    }

    public boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        return log.awaitDisconnects(count, timeout);
    }

    /** Ends all stalls, drops their connections and stops the server. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutdown.trigger();
            app.stop();
        }
    }

    @Override
    public String toString() {
        return "FakeUpstream[" + baseUrl + "]";
    }
}
