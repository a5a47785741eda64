package com.codexmanager.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the issuer for pending device-code logins on one named thread ({@code login-device-poll}): at the interval
 * the issuer gave, 5 s longer after each {@code slow_down}, until the user approves (then the {@link Completion}
 * exchanges the code and stores the account), refuses, the code expires (15 minutes by the injected clock, or the
 * issuer says so), the login is cancelled, or polling fails for good (a final error, or
 * {@value #MAX_TRANSIENT_FAILURES} transient ones in a row). Thread-safe; {@link #close()} stops polling within
 * {@link #CLOSE_WAIT}.
 */
final class DevicePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DevicePoller.class);
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    /** An issuer that says "0" is still not polled in a busy loop. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(200);
    static final int MAX_TRANSIENT_FAILURES = 5;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Finishes an approved login (exchange, store); runs on the poll thread. */
    @FunctionalInterface
    interface Completion {
        void complete(LoginSession session, String authorizationCode, String codeVerifier);
    }

    /** One followed login; its mutable counter is touched only on the poll thread. */
    private static final class Followed {
        final LoginSession session;
        final String deviceAuthId;
        final String userCode;
        int transientFailures;

        Followed(LoginSession session, String deviceAuthId, String userCode) {
            this.session = session;
            this.deviceAuthId = deviceAuthId;
            this.userCode = userCode;
        }
    }

    private final DeviceAuthClient client;
    private final Clock clock;
    private final Completion completion;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "login-device-poll");
        t.setDaemon(true);
        return t;
    });

    DevicePoller(DeviceAuthClient client, Clock clock, Completion completion) {
        this.client = client;
        this.clock = clock;
        this.completion = completion;
    }

    /** Starts polling for {@code session}; the first poll comes after its interval. */
    void follow(LoginSession session, String deviceAuthId, String userCode) {
        schedule(new Followed(session, deviceAuthId, userCode));
    }

    private void schedule(Followed followed) {
        long millis = Math.max(MIN_INTERVAL.toMillis(), followed.session.pollInterval().toMillis());
        try {
            executor.schedule(() -> poll(followed), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            followed.session.fail(new LoginException(LoginException.Code.DEVICE_POLL_FAILED,
                    "the service is stopping"), clock.instant());
        }
    }

    private void poll(Followed followed) {
        LoginSession session = followed.session;
        if (session.refresh(clock.instant()) != LoginSession.State.PENDING) {
            return;
        }
        DeviceAuthClient.Poll answer = client.poll(followed.deviceAuthId, followed.userCode);
        if (answer instanceof DeviceAuthClient.Poll.Approved approved) {
            complete(session, approved);
        } else if (answer instanceof DeviceAuthClient.Poll.Pending) {
            schedule(followed);
        } else if (answer instanceof DeviceAuthClient.Poll.SlowDown) {
            session.pollInterval(session.pollInterval().plus(SLOW_DOWN_STEP));
            log.info("Login {}: the issuer asked to slow down; polling every {} s", session.loginId(),
                    session.pollInterval().toSeconds());
            schedule(followed);
        } else if (answer instanceof DeviceAuthClient.Poll.Denied denied) {
            session.fail(new LoginException(LoginException.Code.ACCESS_DENIED, "sign-in was refused on the device "
                    + "page (" + denied.reason() + ")"), clock.instant());
        } else if (answer instanceof DeviceAuthClient.Poll.Expired expired) {
            session.expire("the issuer says the device code expired (" + expired.reason() + "); start a new login",
                    clock.instant());
        } else if (answer instanceof DeviceAuthClient.Poll.Failed failed) {
            failed(followed, failed);
        }
    }

    private void failed(Followed followed, DeviceAuthClient.Poll.Failed failed) {
        followed.transientFailures++;
        if (failed.retry() && followed.transientFailures < MAX_TRANSIENT_FAILURES) {
            log.info("Login {}: polling the issuer failed ({}); trying again", followed.session.loginId(),
                    failed.reason());
            schedule(followed);
            return;
        }
        followed.session.fail(new LoginException(LoginException.Code.DEVICE_POLL_FAILED, "polling the issuer for "
                + "the device authorization failed (" + failed.reason() + ")"), clock.instant());
    }

    private void complete(LoginSession session, DeviceAuthClient.Poll.Approved approved) {
        try {
            completion.complete(session, approved.authorizationCode(), approved.codeVerifier());
        } catch (LoginException e) {
            log.warn("Login {} failed after approval: {}", session.loginId(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Login {} failed unexpectedly after approval", session.loginId(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Device login polling did not stop within {} s", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
