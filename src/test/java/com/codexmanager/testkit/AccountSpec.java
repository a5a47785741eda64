package com.codexmanager.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a fake ChatGPT account looks like when it is created. Immutable; build with {@link #builder()}.
 *
 * <p>Nullable components: {@code accountId}, {@code userId} and {@code email} (the fake numbers them
 * {@code 5b2b6a2e-0000-4000-8000-00000000000N}, {@code user-FAKE000N}, {@code devN@example.test}),
 * {@code accessTokenTtl} (falls back to {@link FakeUpstreamOptions#accessTokenTtl()}), {@code usageShape}
 * ({@link UsageShape#WEEKLY_ONLY} for plan {@code free}, else {@link UsageShape#FIVE_HOUR_AND_WEEKLY}) and
 * {@code replyText} (falls back to the fake-wide answer).
 *
 * @param primaryIncrementPercent added to the primary window by every 200 response
 * @param secondaryIncrementPercent added to the secondary window by every 200 response
 * @param additionalRateLimits also report a {@code codex_other} family ({@code GPT-5.3-Codex-Spark})
 */
public record AccountSpec(
        String accountId,
        String userId,
        String email,
        String planType,
        Duration accessTokenTtl,
        UsageShape usageShape,
        double primaryUsedPercent,
        double secondaryUsedPercent,
        double primaryIncrementPercent,
        double secondaryIncrementPercent,
        boolean additionalRateLimits,
        String replyText) {

    /** A plus account with generated ids. */
    public static final AccountSpec DEFAULT = builder().build();

    public AccountSpec {
        Objects.requireNonNull(planType, "planType");
        requirePercent(primaryUsedPercent, "primaryUsedPercent");
        requirePercent(secondaryUsedPercent, "secondaryUsedPercent");
        requirePercent(primaryIncrementPercent, "primaryIncrementPercent");
        requirePercent(secondaryIncrementPercent, "secondaryIncrementPercent");
        if (accessTokenTtl != null && (accessTokenTtl.isNegative() || accessTokenTtl.isZero())) {
            throw new IllegalArgumentException("accessTokenTtl must be positive: " + accessTokenTtl);
        }
    }

    private static void requirePercent(double value, String name) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(name + " must be within 0..100: " + value);
        }
    }

    /** The shape in force: the explicit one, else derived from the plan. */
    public UsageShape effectiveUsageShape() {
        if (usageShape != null) {
            return usageShape;
        }
        return planType.toLowerCase(Locale.ROOT).equals("free") ? UsageShape.WEEKLY_ONLY
                : UsageShape.FIVE_HOUR_AND_WEEKLY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().accountId(accountId).userId(userId).email(email).planType(planType)
                .accessTokenTtl(accessTokenTtl).usageShape(usageShape)
                .primaryUsedPercent(primaryUsedPercent).secondaryUsedPercent(secondaryUsedPercent)
                .primaryIncrementPercent(primaryIncrementPercent).secondaryIncrementPercent(secondaryIncrementPercent)
                .additionalRateLimits(additionalRateLimits).replyText(replyText);
    }

    /** Single-thread builder. */
    public static final class Builder {
        private String accountId;
        private String userId;
        private String email;
        private String planType = "plus";
        private Duration accessTokenTtl;
        private UsageShape usageShape;
        private double primaryUsedPercent;
        private double secondaryUsedPercent;
        private double primaryIncrementPercent = 1;
        private double secondaryIncrementPercent = 0.25;
        private boolean additionalRateLimits;
        private String replyText;

        private Builder() {
        }

        public Builder accountId(String value) {
            this.accountId = value;
            return this;
        }

        public Builder userId(String value) {
            this.userId = value;
            return this;
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        /** Any string; {@code free} also switches the default usage shape to weekly-only. */
        public Builder planType(String value) {
            this.planType = value;
            return this;
        }

        public Builder accessTokenTtl(Duration value) {
            this.accessTokenTtl = value;
            return this;
        }

        public Builder usageShape(UsageShape value) {
            this.usageShape = value;
            return this;
        }

        public Builder primaryUsedPercent(double value) {
            this.primaryUsedPercent = value;
            return this;
        }

        public Builder secondaryUsedPercent(double value) {
            this.secondaryUsedPercent = value;
            return this;
        }

        public Builder primaryIncrementPercent(double value) {
            this.primaryIncrementPercent = value;
            return this;
        }

        public Builder secondaryIncrementPercent(double value) {
            this.secondaryIncrementPercent = value;
            return this;
        }

        /** Sets both window increments. */
        public Builder incrementPercent(double value) {
            return primaryIncrementPercent(value).secondaryIncrementPercent(value);
        }

        public Builder additionalRateLimits(boolean value) {
            this.additionalRateLimits = value;
            return this;
        }

        public Builder replyText(String value) {
            this.replyText = value;
            return this;
        }

        public AccountSpec build() {
            return new AccountSpec(accountId, userId, email, planType, accessTokenTtl, usageShape,
                    primaryUsedPercent, secondaryUsedPercent, primaryIncrementPercent, secondaryIncrementPercent,
                    additionalRateLimits, replyText);
        }
    }
}
