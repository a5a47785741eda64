package com.codexmanager.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fake ChatGPT account: identity, issued tokens, quota and scripted behaviour. Created by
 * {@link FakeUpstream#createAccount}. Thread-safe: mutable state is guarded by the instance lock, which the
 * token endpoint also holds while it rotates this account's refresh token.
 */
public final class FakeAccount {
    private final String accountId;
    private final String userId;
    private final String email;
    private final String planType;
    private final Duration accessTokenTtl;
    private final Clock clock;
    private final TokenRegistry tokens;
    private final QuotaState quota;
    private final boolean additionalRateLimits;
    private final Deque<Scenario> script = new ArrayDeque<>();
    private final Deque<RefreshFault> refreshFaults = new ArrayDeque<>();
    private final AtomicInteger refreshCalls = new AtomicInteger();
    private final AtomicInteger successfulRefreshes = new AtomicInteger();
    private final AtomicInteger responsesCalls = new AtomicInteger();
    private final java.util.List<Long> rotationsAnsweredAtMillis = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Scenario standingScenario;
    private String replyText;
    private int unauthorizedAfter = -1;
    private int successesSinceArmed;
    private boolean rejectAccessTokens;
    private TokenSet latest;

    FakeAccount(AccountSpec spec, FakeUpstreamOptions options, TokenRegistry tokens) {
        this.accountId = Objects.requireNonNull(spec.accountId(), "accountId");
        this.userId = Objects.requireNonNull(spec.userId(), "userId");
        this.email = Objects.requireNonNull(spec.email(), "email");
        this.planType = spec.planType();
        this.accessTokenTtl = spec.accessTokenTtl() != null ? spec.accessTokenTtl() : options.accessTokenTtl();
        this.clock = options.clock();
        this.tokens = tokens;
        this.quota = new QuotaState(spec, clock.instant());
        this.additionalRateLimits = spec.additionalRateLimits();
        this.replyText = spec.replyText();
    }

    /** The ChatGPT workspace id: {@code chatgpt_account_id} and the {@code ChatGPT-Account-ID} header. */
    public String accountId() {
        return accountId;
    }

    public String userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    public String planType() {
        return planType;
    }

    /** The most recently issued token set (creation, sign-in or refresh). */
    public synchronized TokenSet tokens() {
        return latest;
    }

    /** Shortcut for {@code tokens().accessToken()}. */
    public String accessToken() {
        return tokens().accessToken();
    }

    /** Shortcut for {@code tokens().refreshToken()}: the refresh token that is valid now. */
    public String refreshToken() {
        return tokens().refreshToken();
    }

    /** Answers the next {@code /responses} calls of this account with these scenarios, in order. */
    public synchronized FakeAccount enqueue(Scenario... scenarios) {
        for (Scenario scenario : scenarios) {
            script.addLast(Objects.requireNonNull(scenario, "scenario"));
        }
        return this;
    }

    /** Answers the next {@code times} calls with {@code scenario}. */
    public synchronized FakeAccount enqueue(Scenario scenario, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative: " + times);
        }
        for (int i = 0; i < times; i++) {
            script.addLast(Objects.requireNonNull(scenario, "scenario"));
        }
        return this;
    }

    /** Answers every call without a queued scenario or magic word with {@code scenario}; null clears it. */
    public synchronized FakeAccount respondAlwaysWith(Scenario scenario) {
        this.standingScenario = scenario;
        return this;
    }

    /** Drops queued scenarios and the standing scenario. */
    public synchronized FakeAccount clearScenarios() {
        script.clear();
        standingScenario = null;
        return this;
    }

    /** Fixed answer text for this account; null falls back to the fake-wide answer. */
    public synchronized FakeAccount replyText(String text) {
        this.replyText = text;
        return this;
    }

    /** Scripts the outcome of the next refresh-token grants of this account, one fault per call. */
    public synchronized FakeAccount enqueueRefreshFaults(RefreshFault... faults) {
        for (RefreshFault fault : faults) {
            refreshFaults.addLast(Objects.requireNonNull(fault, "fault"));
        }
        return this;
    }

    /**
     * After {@code successfulCalls} more 200 responses, the account's current access tokens stop working
     * (401 Unauthorized), which forces a refresh; tokens minted afterwards work again.
     */
    public synchronized FakeAccount unauthorizedAfter(int successfulCalls) {
        if (successfulCalls < 0) {
            throw new IllegalArgumentException("successfulCalls must not be negative: " + successfulCalls);
        }
        this.unauthorizedAfter = successfulCalls;
        this.successesSinceArmed = 0;
        return this;
    }

    /** While on, every access token of this account gets 401, even one minted by a fresh refresh. */
    public synchronized FakeAccount rejectAccessTokens(boolean reject) {
        this.rejectAccessTokens = reject;
        return this;
    }

    /** Expires every current access token now, so backend calls get 401 {@code token_expired}. */
    public FakeAccount expireAccessTokens() {
        tokens.expireAccessTokens(accountId, clock.instant());
        return this;
    }

    public FakeAccount setPrimaryUsedPercent(double percent) {
        quota.setPrimaryUsedPercent(percent, clock.instant());
        return this;
    }

    public FakeAccount setSecondaryUsedPercent(double percent) {
        quota.setSecondaryUsedPercent(percent, clock.instant());
        return this;
    }

    /** Puts the primary window at 100 %: calls get 429 {@code usage_limit_reached} until it resets. */
    public FakeAccount exhaust() {
        return setPrimaryUsedPercent(100);
    }

    /** The primary window's used percent now; 0 when the account has no windows. */
    public double primaryUsedPercent() {
        return quota.snapshot(clock.instant()).primaryWindow().map(QuotaWindow::usedPercent).orElse(0.0);
    }

    /** The secondary window's used percent now; 0 when the account has no secondary window. */
    public double secondaryUsedPercent() {
        return quota.snapshot(clock.instant()).secondaryWindow().map(QuotaWindow::usedPercent).orElse(0.0);
    }

    public boolean limitReached() {
        return quota.snapshot(clock.instant()).limitReached();
    }

    /** Refresh-token grants that presented one of this account's refresh tokens, whatever the outcome. */
    public int refreshCount() {
        return refreshCalls.get();
    }

    /** Refresh-token grants of this account that rotated the token. */
    public int successfulRefreshCount() {
        return successfulRefreshes.get();
    }

    /**
     * When each rotating refresh was answered (the reply fully written), in epoch milliseconds of this machine's
     * clock: after that moment the old refresh token is spent, so a client that did not save the new one has lost
     * the account.
     */
    public java.util.List<Long> rotationsAnsweredAtMillis() {
        return java.util.List.copyOf(rotationsAnsweredAtMillis);
    }

    /** {@code POST /responses} calls that presented one of this account's access tokens. */
    public int responsesCount() {
        return responsesCalls.get();
    }

    Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    QuotaState quota() {
        return quota;
    }

    boolean additionalRateLimits() {
        return additionalRateLimits;
    }

    synchronized String replyTextOrNull() {
        return replyText;
    }

    synchronized void remember(TokenSet tokens) {
        this.latest = tokens;
    }

    synchronized Scenario pollQueuedScenario() {
        return script.pollFirst();
    }

    synchronized Scenario standingScenario() {
        return standingScenario;
    }

    synchronized RefreshFault pollRefreshFault() {
        return refreshFaults.pollFirst();
    }

    synchronized boolean rejectsAccessTokens() {
        return rejectAccessTokens;
    }

    /** Fires the {@link #unauthorizedAfter} trigger when due; returns whether this call must get 401. */
    synchronized boolean consumeUnauthorizedTrigger() {
        if (unauthorizedAfter < 0 || successesSinceArmed < unauthorizedAfter) {
            return false;
        }
        unauthorizedAfter = -1;
        tokens.revokeAccessTokens(accountId);
        return true;
    }

    synchronized void noteSuccess() {
        successesSinceArmed++;
    }

    void noteRotationAnswered(long epochMillis) {
        rotationsAnsweredAtMillis.add(epochMillis);
    }

    void noteRefreshCall(boolean rotated) {
        refreshCalls.incrementAndGet();
        if (rotated) {
            successfulRefreshes.incrementAndGet();
        }
    }

    void noteResponsesCall() {
        responsesCalls.incrementAndGet();
    }

    @Override
    public String toString() {
        return "FakeAccount[" + accountId + ", " + email + ", plan=" + planType + "]";
    }
}
