package com.codexmanager.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of a {@link FakeUpstream}. Build with {@link #builder()}; {@link #DEFAULT} uses the system
 * clock.
 *
 * @param clock time source for token expiry, quota windows and {@code created_at}
 * @param accessTokenTtl lifetime of minted access tokens unless an {@link AccountSpec} overrides it
 * @param requireAccountIdHeader reject backend calls whose {@code ChatGPT-Account-ID} does not match the token
 * @param rejectUnconfirmedParameters also reject {@code safety_identifier}, {@code generate}, {@code stream_options}
 * @param strictImageUrls reject {@code input_image} parts that are not {@code data:image/...} URLs
 * @param strictModels reject model slugs that are not in the catalogue
 * @param allowedRedirectPorts loopback ports accepted in {@code redirect_uri}; empty means any port
 * @param stallDuration silence of the stall scenarios; server shutdown ends a stall early
 * @param dripInterval pause between events of {@link Scenario#SLOW_DRIP}
 * @param replyText fixed answer text for every account, or null to echo the last user message
 * @param issueTurnState send {@code x-codex-turn-state} (echoing the client's value when it sent one)
 * @param deviceIntervalSeconds the device flow's polling interval, sent as a string
 */
public record FakeUpstreamOptions(
        Clock clock,
        Duration accessTokenTtl,
        boolean requireAccountIdHeader,
        boolean rejectUnconfirmedParameters,
        boolean strictImageUrls,
        boolean strictModels,
        Set<Integer> allowedRedirectPorts,
        Duration stallDuration,
        Duration dripInterval,
        String replyText,
        boolean issueTurnState,
        int deviceIntervalSeconds) {

    /** The defaults: system clock, 1 h tokens, strict checks on, ports 1455/1457, 60 s stalls. */
    public static final FakeUpstreamOptions DEFAULT = builder().build();

    public FakeUpstreamOptions {
        Objects.requireNonNull(clock, "clock");
        requirePositive(accessTokenTtl, "accessTokenTtl");
        requirePositive(stallDuration, "stallDuration");
        requirePositive(dripInterval, "dripInterval");
        allowedRedirectPorts = Set.copyOf(allowedRedirectPorts);
        if (deviceIntervalSeconds < 0) {
            throw new IllegalArgumentException("deviceIntervalSeconds must not be negative: " + deviceIntervalSeconds);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .clock(clock)
                .accessTokenTtl(accessTokenTtl)
                .requireAccountIdHeader(requireAccountIdHeader)
                .rejectUnconfirmedParameters(rejectUnconfirmedParameters)
                .strictImageUrls(strictImageUrls)
                .strictModels(strictModels)
                .allowedRedirectPorts(allowedRedirectPorts)
                .stallDuration(stallDuration)
                .dripInterval(dripInterval)
                .replyText(replyText)
                .issueTurnState(issueTurnState)
                .deviceIntervalSeconds(deviceIntervalSeconds);
    }

    /** Single-thread builder. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration accessTokenTtl = Duration.ofHours(1);
        private boolean requireAccountIdHeader = true;
        private boolean rejectUnconfirmedParameters;
        private boolean strictImageUrls;
        private boolean strictModels = true;
        private Set<Integer> allowedRedirectPorts = Set.of(1455, 1457);
        private Duration stallDuration = Duration.ofSeconds(60);
        private Duration dripInterval = Duration.ofMillis(100);
        private String replyText;
        private boolean issueTurnState = true;
        private int deviceIntervalSeconds = 1;

        private Builder() {
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder accessTokenTtl(Duration value) {
            this.accessTokenTtl = value;
            return this;
        }

        public Builder requireAccountIdHeader(boolean value) {
            this.requireAccountIdHeader = value;
            return this;
        }

        public Builder rejectUnconfirmedParameters(boolean value) {
            this.rejectUnconfirmedParameters = value;
            return this;
        }

        public Builder strictImageUrls(boolean value) {
            this.strictImageUrls = value;
            return this;
        }

        public Builder strictModels(boolean value) {
            this.strictModels = value;
            return this;
        }

        public Builder allowedRedirectPorts(Set<Integer> value) {
            this.allowedRedirectPorts = value;
            return this;
        }

        /** Accept {@code http://localhost:<any port>/auth/callback}, for gateways whose callback uses port 0. */
        public Builder allowAnyRedirectPort() {
            this.allowedRedirectPorts = Set.of();
            return this;
        }

        public Builder stallDuration(Duration value) {
            this.stallDuration = value;
            return this;
        }

        public Builder dripInterval(Duration value) {
            this.dripInterval = value;
            return this;
        }

        /** Fixed answer text; null (the default) echoes the last user message. */
        public Builder replyText(String value) {
            this.replyText = value;
            return this;
        }

        public Builder issueTurnState(boolean value) {
            this.issueTurnState = value;
            return this;
        }

        public Builder deviceIntervalSeconds(int value) {
            this.deviceIntervalSeconds = value;
            return this;
        }

        public FakeUpstreamOptions build() {
            return new FakeUpstreamOptions(clock, accessTokenTtl, requireAccountIdHeader, rejectUnconfirmedParameters,
                    strictImageUrls, strictModels, allowedRedirectPorts, stallDuration, dripInterval, replyText,
                    issueTurnState, deviceIntervalSeconds);
        }
    }
}
