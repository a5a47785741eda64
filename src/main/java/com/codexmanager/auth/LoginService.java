package com.codexmanager.auth;

import com.codexmanager.account.AccountDraft;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.AccountTokens;
import com.codexmanager.account.TokenClaims;
import com.codexmanager.config.HostPort;
import com.codexmanager.config.Setting;
import com.codexmanager.config.SettingSource;
import com.codexmanager.config.Settings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ChatGPT login: by browser with PKCE (codex-protocol.md §1.2–1.5) — starts sessions, runs the local callback server
 * while a browser session is open, completes a session from the callback or from a pasted redirect URL — or by
 * device code (§1.9, {@link #startDevice}), polled in the background by a {@link DevicePoller}. Either way the
 * account is stored (updated when the identity already exists). Sessions live in memory and expire after
 * {@link #SESSION_TTL} by the injected clock. Thread-safe; close it to stop the callback server and the polling.
 */
public final class LoginService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);
    public static final Duration SESSION_TTL = Duration.ofMinutes(15);
    static final String SCOPE = "openid profile email offline_access api.connectors.read api.connectors.invoke";

    private final AccountService accounts;
    private final OAuthClient oauth;
    private final Supplier<Settings> settings;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, LoginSession> byId = new ConcurrentHashMap<>();
    private final Map<String, LoginSession> byState = new ConcurrentHashMap<>();
    private final DeviceAuthClient device;
    private final DevicePoller poller;
    private CallbackServer server;
    private boolean closed;

    public LoginService(AccountService accounts, OAuthClient oauth, Supplier<Settings> settings, Clock clock,
            SecureRandom random) {
        this.accounts = accounts;
        this.oauth = oauth;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.device = new DeviceAuthClient(oauth);
        this.poller = new DevicePoller(device, clock, this::completeDevice);
    }

    /**
     * Starts a device-code login (codex-protocol.md §1.9): asks the issuer for a user code and polls it in the
     * background; {@link #status} follows the login to {@code success} (the account is stored) or to its end.
     *
     * @throws LoginException {@code DEVICE_LOGIN_DISABLED} when the issuer has no device login,
     *                        {@code DEVICE_POLL_FAILED} when the user-code request fails
     */
    public DeviceLoginStart startDevice(LoginRequest request) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("login service is closed");
            }
        }
        DeviceAuthClient.UserCode code = device.requestUserCode();
        String loginId = "login_" + Pkce.randomToken(random, 12);
        Instant now = clock.instant();
        LoginSession session = LoginSession.device(loginId, device.redirectUri(), request, now,
                now.plus(SESSION_TTL), code.userCode(), device.verificationUri(), code.interval());
        byId.put(loginId, session);
        poller.follow(session, code.deviceAuthId(), code.userCode());
        log.info("Device login {} started (poll every {} s)", loginId, code.interval().toSeconds());
        return new DeviceLoginStart(loginId, LoginSession.DEVICE, code.userCode(), device.verificationUri(),
                session.view().expiresAt(), code.interval().toSeconds());
    }

    /** The user approved a device login: exchange its code and store the account (on the poll thread). */
    private void completeDevice(LoginSession session, String code, String verifier) {
        try {
            session.claim(clock.instant());
            finish(session, code, verifier);
        } catch (LoginException e) {
            session.fail(e, clock.instant());
            throw e;
        } catch (RuntimeException e) {
            session.fail(new LoginException(LoginException.Code.EXCHANGE_FAILED, "login failed unexpectedly"),
                    clock.instant());
            throw e;
        }
    }

    /**
     * Starts a login: makes sure the callback server listens, then returns the authorize URL to open.
     *
     * @throws LoginException {@code PORT_IN_USE} or {@code NON_LOOPBACK} when the callback server cannot listen
     */
    public LoginStart start(LoginRequest request) {
        Settings s = settings.get();
        int port = ensureServer(s);
        String redirectUri = s.source(Setting.REDIRECT_URI) == SettingSource.DEFAULT
                ? "http://localhost:" + port + CallbackServer.CALLBACK_PATH : s.text(Setting.REDIRECT_URI);
        Pkce pkce = Pkce.generate(random);
        String state = Pkce.randomToken(random, 32);
        String loginId = "login_" + Pkce.randomToken(random, 12);
        Instant now = clock.instant();
        LoginSession session = new LoginSession(loginId, state, pkce, redirectUri, request, now,
                now.plus(SESSION_TTL));
        byId.put(loginId, session);
        byState.put(state, session);
        log.info("Login {} started (callback {})", loginId, redirectUri);
        return new LoginStart(loginId, "chatgpt", authorizeUrl(s, redirectUri, pkce, state, request.workspaceId()),
                redirectUri, issuer(s), s.text(Setting.CLIENT_ID), session.view().expiresAt());
    }

    private static String authorizeUrl(Settings s, String redirectUri, Pkce pkce, String state, String workspace) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", s.text(Setting.CLIENT_ID));
        params.put("redirect_uri", redirectUri);
        params.put("scope", SCOPE);
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        params.put("id_token_add_organizations", "true");
        params.put("codex_cli_simplified_flow", "true");
        params.put("state", state);
        params.put("originator", s.text(Setting.ORIGINATOR));
        if (workspace != null) {
            params.put("allowed_workspace_id", workspace);
        }
        StringBuilder url = new StringBuilder(issuer(s)).append("/oauth/authorize");
        char separator = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(separator).append(p.getKey()).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            separator = '&';
        }
        return url.toString();
    }

    private static String issuer(Settings s) {
        String issuer = s.text(Setting.ISSUER);
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The login's current state (a pending session past its time reads as expired). */
    public LoginStatus status(String loginId) {
        LoginSession session = require(loginId);
        session.refresh(clock.instant());
        stopServerIfIdle();
        return session.view();
    }

    /** Cancels a pending login; finished ones are reported unchanged. */
    public LoginStatus cancel(String loginId) {
        LoginSession session = require(loginId);
        session.cancel(clock.instant());
        stopServerIfIdle();
        return session.view();
    }

    /**
     * Completes a login from the redirect URL the browser ended on, pasted by the user (scheme optional).
     *
     * @throws LoginException with the reason when the URL is unusable or the login fails
     */
    public LoginStatus completeFromUrl(String callbackUrl) {
        return complete(CallbackUrl.parse(callbackUrl));
    }

    /** Completes a login from callback query parameters ({@code code}, {@code state} or {@code error}). */
    public LoginStatus complete(Map<String, String> query) {
        try {
            return completeSession(query);
        } finally {
            stopServerIfIdle();
        }
    }

    private LoginStatus completeSession(Map<String, String> query) {
        String state = query.get("state");
        LoginSession session = state == null ? null : byState.get(state);
        if (session == null) {
            throw new LoginException(LoginException.Code.STATE_MISMATCH,
                    "State mismatch or expired login session; start a new login.");
        }
        try {
            String error = query.get("error");
            if (error != null && !error.isBlank()) {
                throw denied(error, query.getOrDefault("error_description", ""));
            }
            String code = query.get("code");
            if (code == null || code.isBlank()) {
                throw new LoginException(LoginException.Code.MISSING_CODE,
                        "the callback has no authorization code (missing_authorization_code)");
            }
            session.claim(clock.instant());
            finish(session, code, session.pkce().verifier());
            return session.view();
        } catch (LoginException e) {
            session.fail(e, clock.instant());
            throw e;
        } catch (RuntimeException e) {
            session.fail(new LoginException(LoginException.Code.EXCHANGE_FAILED, "login failed unexpectedly"),
                    clock.instant());
            throw e;
        }
    }

    private static LoginException denied(String error, String description) {
        if (error.equals("access_denied") && description.toLowerCase(Locale.ROOT).contains("missing_codex_entitlement")) {
            return new LoginException(LoginException.Code.CODEX_NOT_ENABLED, "Codex is not enabled for your workspace.");
        }
        String detail = description.isBlank() ? "" : ": " + description.strip();
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "…";
        }
        return new LoginException(LoginException.Code.ACCESS_DENIED, "sign-in was refused (" + error + ")" + detail);
    }

    private void finish(LoginSession session, String code, String verifier) {
        TokenResponse tokens;
        try {
            tokens = oauth.exchangeCode(code, session.redirectUri(), verifier);
        } catch (OAuthException e) {
            throw new LoginException(LoginException.Code.EXCHANGE_FAILED, "the code exchange at the OAuth issuer "
                    + "failed: " + e.getMessage(), e);
        }
        LoginRequest request = session.request();
        AccountDraft draft = AccountDraft.of(new AccountTokens(tokens.accessToken(), tokens.refreshToken(),
                tokens.idToken())).withMeta(request.groupName(), request.tags(), request.note())
                .withWorkspaceId(request.workspaceId()).withLastRefreshAt(clock.instant());
        TokenClaims claims = draft.claims();
        String wanted = request.workspaceId();
        if (wanted != null && !wanted.equals(claims.chatgptAccountId())
                && !wanted.equals(TokenClaims.parse(tokens.accessToken()).map(TokenClaims::workspaceId).orElse(null))) {
            throw new LoginException(LoginException.Code.WORKSPACE_MISMATCH, "signed in to a different workspace "
                    + "than requested (" + wanted + ")");
        }
        String accountId = accounts.upsert(java.util.List.of(draft), null).get(0).accountId();
        session.succeed(accountId, claims.email(), clock.instant());
        log.info("Login {} stored account {}", session.loginId(), accountId);
    }

    /**
     * Handles a request to the callback server (runs on a callback-server thread). The server is stopped only
     * after the page was sent ({@link #stopServerIfIdle} runs as the server's after-response hook).
     */
    CallbackPage onCallback(Map<String, String> query) {
        try {
            LoginStatus status = completeSession(query);
            return CallbackPage.success(status.email());
        } catch (LoginException e) {
            int httpStatus = e.code() == LoginException.Code.STATE_MISMATCH
                    || e.code() == LoginException.Code.MISSING_CODE ? 400 : 200;
            return CallbackPage.error(httpStatus, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Login callback failed", e);
            return CallbackPage.error(500, "Login failed unexpectedly; see the CodexManager log.");
        }
    }

    private LoginSession require(String loginId) {
        LoginSession session = byId.get(loginId);
        if (session == null) {
            throw new LoginException(LoginException.Code.NOT_FOUND, "login not found: " + loginId);
        }
        return session;
    }

    private synchronized int ensureServer(Settings s) {
        if (closed) {
            throw new IllegalStateException("login service is closed");
        }
        if (server == null) {
            HostPort address = s.address(Setting.LOGIN_ADDR);
            server = CallbackServer.start(address, s.enabled(Setting.ALLOW_NON_LOOPBACK_LOGIN_ADDR), this::onCallback,
                    this::stopServerIfIdle);
            log.info("Login callback server listening on port {}", server.port());
        }
        return server.port();
    }

    /** Frees the callback port (the Codex CLI uses the same one) once no session is open. */
    private void stopServerIfIdle() {
        Instant now = clock.instant();
        boolean open = false;
        for (LoginSession session : byId.values()) {
            session.refresh(now);
            open |= session.browser() && session.open();
        }
        CallbackServer toClose = null;
        synchronized (this) {
            if (!open && server != null) {
                toClose = server;
                server = null;
            }
        }
        if (toClose != null) {
            closeLater(toClose);
        }
    }

    /** Closing from a callback thread would wait for that thread's pool, so a short-lived named thread does it. */
    private static void closeLater(CallbackServer server) {
        Thread closer = new Thread(server::close, "login-callback-close");
        closer.setDaemon(true);
        closer.start();
    }

    @Override
    public void close() {
        poller.close();
        CallbackServer toClose;
        synchronized (this) {
            closed = true;
            toClose = server;
            server = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
