package com.codexmanager.testkit;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The device-code flow (codex-protocol.md §1.9, §9.1): {@code /api/accounts/deviceauth/usercode}, the polling
 * {@code /api/accounts/deviceauth/token}, and the {@code /codex/device} page where the "user" enters the code.
 *
 * <p>Besides "pending" (403) and approval (200), tests can script three answers the protocol notes do not document
 * for this issuer, shaped after RFC 8628 in the issuer's nested error form: {@code 429 slow_down}, {@code 400
 * access_denied} (the user refused) and {@code 400 expired_token}. Thread-safe: one monitor guards the pending
 * device authorizations.
 */
final class DeviceAuthEndpoint {
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    /** Mutable; guarded by the endpoint's monitor. */
    private static final class Pending {
        final String deviceAuthId;
        final String userCode;
        int polls;
        String approvedAccountId;
        boolean delivered;
        String refusal;

        Pending(String deviceAuthId, String userCode) {
            this.deviceAuthId = deviceAuthId;
            this.userCode = userCode;
        }
    }

    private final AccountDirectory accounts;
    private final AuthorizationCodes codes;
    private final String intervalSeconds;
    private final Supplier<String> issuer;
    private final Map<String, Pending> byDeviceId = new LinkedHashMap<>();
    private int serial;
    private int autoApproveAfterPolls = -1;
    private int slowDownPolls;
    private boolean disabled;

    DeviceAuthEndpoint(AccountDirectory accounts, AuthorizationCodes codes, FakeUpstreamOptions options,
            Supplier<String> issuer) {
        this.accounts = accounts;
        this.codes = codes;
        this.intervalSeconds = Integer.toString(options.deviceIntervalSeconds());
        this.issuer = issuer;
    }

    void userCode(Context ctx) {
        synchronized (this) {
            if (disabled) {
                ctx.status(404).result("Not Found");
                return;
            }
        }
        if (!OAuthConstants.CLIENT_ID.equals(TokenEndpoint.params(ctx).get("client_id"))) {
            Replies.oauthError(ctx, 400, "invalid_client", "Unknown or missing client_id");
            return;
        }
        Pending pending;
        synchronized (this) {
            int number = ++serial;
            pending = new Pending(String.format("deviceauth_fake_%06d", number), userCodeFor(number));
            byDeviceId.put(pending.deviceAuthId, pending);
        }
        Replies.json(ctx, 200, Json.obj("device_auth_id", pending.deviceAuthId, "user_code", pending.userCode,
                "interval", intervalSeconds));
    }

    void token(Context ctx) {
        Map<String, String> params = TokenEndpoint.params(ctx);
        String approvedAccountId;
        synchronized (this) {
            Pending pending = byDeviceId.get(params.get("device_auth_id"));
            if (pending == null || pending.delivered || !pending.userCode.equals(params.get("user_code"))) {
                Replies.nestedError(ctx, 404, "deviceauth_not_found", "Unknown device authorization");
                return;
            }
            pending.polls++;
            if (slowDownPolls > 0) {
                slowDownPolls--;
                Replies.nestedError(ctx, 429, "slow_down", "Polling too fast");
                return;
            }
            if (pending.refusal != null) {
                Replies.nestedError(ctx, 400, pending.refusal, pending.refusal.equals("access_denied")
                        ? "The user denied the request" : "The device code has expired");
                return;
            }
            if (pending.approvedAccountId == null && autoApproveAfterPolls >= 0
                    && pending.polls > autoApproveAfterPolls) {
                pending.approvedAccountId = accounts.accountForSignIn().accountId();
            }
            if (pending.approvedAccountId == null) {
                Replies.nestedError(ctx, 403, "deviceauth_authorization_pending", "The user has not approved yet");
                return;
            }
            pending.delivered = true;
            approvedAccountId = pending.approvedAccountId;
        }
        String verifier = Pkce.newVerifier();
        String challenge = Pkce.challenge(verifier);
        String code = codes.issue(new AuthorizationCodes.Grant(approvedAccountId, OAuthConstants.CLIENT_ID,
                issuer.get() + "/deviceauth/callback", challenge, "openid profile email offline_access"));
        Replies.json(ctx, 200, Json.obj("authorization_code", code, "code_verifier", verifier,
                "code_challenge", challenge));
    }

    void page(Context ctx) {
        Replies.html(ctx, 200, "<html><body><form method=\"post\" action=\"/codex/device\">"
                + "<input name=\"user_code\"><button>Continue</button></form></body></html>");
    }

    /** The user types the code on the device page. */
    void submit(Context ctx) {
        String userCode = RecordedRequest.decodePairs(ctx.body()).getOrDefault("user_code", "");
        if (approve(userCode)) {
            Replies.html(ctx, 200, "<html><body>Device approved. You may close this page.</body></html>");
        } else {
            Replies.html(ctx, 404, "<html><body>Unknown code.</body></html>");
        }
    }

    /** Approves a pending code as the directory's sign-in; false when no such code waits. */
    boolean approve(String userCode) {
        String normalised = userCode.trim().toUpperCase(Locale.ROOT);
        synchronized (this) {
            for (Pending pending : byDeviceId.values()) {
                if (pending.userCode.equals(normalised) && pending.approvedAccountId == null && !pending.delivered) {
                    pending.approvedAccountId = accounts.accountForSignIn().accountId();
                    return true;
                }
            }
        }
        return false;
    }

    /** The user refuses on the device page: polls of that code answer 400 access_denied. */
    boolean deny(String userCode) {
        return refuse(userCode, "access_denied");
    }

    /** The issuer voids the code: polls of it answer 400 expired_token. */
    boolean expire(String userCode) {
        return refuse(userCode, "expired_token");
    }

    private synchronized boolean refuse(String userCode, String refusal) {
        for (Pending pending : byDeviceId.values()) {
            if (pending.userCode.equals(userCode.trim().toUpperCase(Locale.ROOT)) && !pending.delivered) {
                pending.refusal = refusal;
                return true;
            }
        }
        return false;
    }

    /** The next {@code polls} token polls (of any code) answer 429 slow_down. */
    synchronized void slowDownNextPolls(int polls) {
        this.slowDownPolls = polls;
    }

    /** While on, the user-code endpoint answers 404, as an issuer without device login does. */
    synchronized void disable(boolean off) {
        this.disabled = off;
    }

    /** Token polls of this code so far. */
    synchronized int polls(String userCode) {
        return byDeviceId.values().stream().filter(p -> p.userCode.equals(userCode)).mapToInt(p -> p.polls).sum();
    }

    synchronized void autoApproveAfterPolls(int polls) {
        this.autoApproveAfterPolls = polls;
    }

    synchronized List<String> pendingUserCodes() {
        List<String> codesWaiting = new ArrayList<>();
        byDeviceId.values().stream().filter(pending -> pending.approvedAccountId == null)
                .forEach(pending -> codesWaiting.add(pending.userCode));
        return List.copyOf(codesWaiting);
    }

    private static String userCodeFor(int number) {
        StringBuilder letters = new StringBuilder();
        int rest = number;
        for (int i = 0; i < 4; i++) {
            letters.append(LETTERS.charAt(rest % LETTERS.length()));
            rest /= LETTERS.length();
        }
        return letters.reverse() + "-" + String.format("%04d", number % 10_000);
    }
}
