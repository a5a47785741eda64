package com.codexmanager.testkit;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code GET /oauth/authorize} (codex-protocol.md §1.3, §9.1): checks the request and redirects to the
 * loopback callback with a code, or with a scripted error. The browser's user is the directory's sign-in.
 * Thread-safe.
 */
final class AuthorizeEndpoint {
    static final String MISSING_ENTITLEMENT_DESCRIPTION =
            "missing_codex_entitlement: Codex is not enabled for your workspace";

    private final AccountDirectory accounts;
    private final AuthorizationCodes codes;
    private final Set<Integer> allowedRedirectPorts;
    private final AtomicReference<AuthorizeFault> nextFault = new AtomicReference<>();

    AuthorizeEndpoint(AccountDirectory accounts, AuthorizationCodes codes, FakeUpstreamOptions options) {
        this.accounts = accounts;
        this.codes = codes;
        this.allowedRedirectPorts = options.allowedRedirectPorts();
    }

    void failNext(AuthorizeFault fault) {
        nextFault.set(fault);
    }

    void handle(Context ctx) {
        String redirectUri = ctx.queryParam("redirect_uri");
        String problem = problemWith(ctx, redirectUri);
        if (problem != null) {
            Replies.html(ctx, 400, "<html><body><h1>Invalid authorization request</h1><p>" + problem
                    + "</p></body></html>");
            return;
        }
        String state = ctx.queryParam("state");
        Map<String, String> params = new LinkedHashMap<>();
        AuthorizeFault fault = nextFault.getAndSet(null);
        if (fault == AuthorizeFault.ACCESS_DENIED) {
            params.put("error", "access_denied");
            params.put("error_description", MISSING_ENTITLEMENT_DESCRIPTION);
            params.put("state", state);
        } else {
            FakeAccount account = accounts.accountForSignIn();
            String scope = ctx.queryParam("scope") == null ? "" : ctx.queryParam("scope");
            params.put("code", codes.issue(new AuthorizationCodes.Grant(account.accountId(),
                    ctx.queryParam("client_id"), redirectUri, ctx.queryParam("code_challenge"), scope)));
            params.put("state", fault == AuthorizeFault.WRONG_STATE ? state + "-tampered" : state);
        }
        ctx.status(302);
        ctx.header("Location", redirectUri + "?" + encode(params));
    }

    /** The first thing wrong with the request, or null. */
    private String problemWith(Context ctx, String redirectUri) {
        if (!"code".equals(ctx.queryParam("response_type"))) {
            return "response_type must be code";
        }
        if (!OAuthConstants.CLIENT_ID.equals(ctx.queryParam("client_id"))) {
            return "unknown client_id";
        }
        if (!"S256".equals(ctx.queryParam("code_challenge_method"))) {
            return "code_challenge_method must be S256";
        }
        String challenge = ctx.queryParam("code_challenge");
        if (challenge == null || challenge.isEmpty()) {
            return "code_challenge is required";
        }
        String state = ctx.queryParam("state");
        if (state == null || state.isEmpty()) {
            return "state is required";
        }
        return redirectProblem(redirectUri);
    }

    private String redirectProblem(String redirectUri) {
        if (redirectUri == null) {
            return "redirect_uri is required";
        }
        try {
            URI uri = new URI(redirectUri);
            boolean shapeOk = "http".equals(uri.getScheme()) && "localhost".equals(uri.getHost())
                    && "/auth/callback".equals(uri.getPath()) && uri.getQuery() == null;
            boolean portOk = allowedRedirectPorts.isEmpty() || allowedRedirectPorts.contains(uri.getPort());
            return shapeOk && portOk ? null : "redirect_uri is not registered for this client";
        } catch (URISyntaxException e) {
            return "redirect_uri is malformed";
        }
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
