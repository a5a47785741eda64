package com.codexmanager.usage;

import java.time.Instant;
import java.util.List;

/**
 * One account's usage as the RPC and the desktop show it: the original product's {@code UsageSnapshot} shape plus
 * the verdict's {@code availableAt}, the plan, the additional limits and the data source. Used percentages reflect
 * resets that have passed since capture (0 once a window reset). Every field but {@code accountId},
 * {@code availabilityStatus} and {@code additionalLimits} is nullable; instants serialise as Unix seconds. Immutable.
 */
public record UsageReport(
        String accountId,
        Availability availabilityStatus,
        Instant availableAt,
        Double usedPercent,
        Long windowMinutes,
        Instant resetsAt,
        Double secondaryUsedPercent,
        Long secondaryWindowMinutes,
        Instant secondaryResetsAt,
        Boolean limitReached,
        String planType,
        String creditsJson,
        List<AdditionalLimit> additionalLimits,
        UsageSource source,
        Instant capturedAt) {

    /** The report of {@code snapshot} (nullable: no data) judged at {@code now}. */
    public static UsageReport of(String accountId, UsageSnapshot snapshot, Instant now) {
        AvailabilityVerdict verdict = AvailabilityRule.evaluate(snapshot, now);
        if (snapshot == null) {
            return new UsageReport(accountId, verdict.status(), null, null, null, null, null, null, null, null, null,
                    null, List.of(), null, null);
        }
        UsageWindow p = snapshot.primary();
        UsageWindow s = snapshot.secondary();
        return new UsageReport(accountId, verdict.status(), verdict.availableAt(),
                p == null ? null : p.usedPercentAt(now), p == null ? null : p.windowMinutes(),
                p == null ? null : p.resetsAt(),
                s == null ? null : s.usedPercentAt(now), s == null ? null : s.windowMinutes(),
                s == null ? null : s.resetsAt(), snapshot.limitReached(), snapshot.planType(),
                snapshot.creditsJson(), snapshot.additionalLimits(), snapshot.source(), snapshot.capturedAt());
    }
}
