package com.codexmanager.desktop.model;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One account as the desktop shows it: the {@code account/list} summary merged with its latest usage snapshot.
 * Immutable; percentages are "used", 0–100, or {@code null} when unknown; instants may be {@code null}.
 *
 * @param proxyUrl the account's own upstream proxy as the service shows it (password as {@code ***}), blank when
 *                 it uses the global proxy
 */
public record AccountRow(String id, String label, String email, String planType, String groupName,
        List<String> tags, long sort, String note, String status, String statusReason, boolean hasToken,
        Instant lastRefreshAt, Double primaryUsedPercent, Instant primaryResetsAt, Double secondaryUsedPercent,
        Instant secondaryResetsAt, Availability availability, String proxyUrl) {
    public AccountRow {
        tags = List.copyOf(tags);
        proxyUrl = proxyUrl == null ? "" : proxyUrl;
    }

    /** An account without its own proxy. */
    public AccountRow(String id, String label, String email, String planType, String groupName, List<String> tags,
            long sort, String note, String status, String statusReason, boolean hasToken, Instant lastRefreshAt,
            Double primaryUsedPercent, Instant primaryResetsAt, Double secondaryUsedPercent,
            Instant secondaryResetsAt, Availability availability) {
        this(id, label, email, planType, groupName, tags, sort, note, status, statusReason, hasToken,
                lastRefreshAt, primaryUsedPercent, primaryResetsAt, secondaryUsedPercent, secondaryResetsAt,
                availability, "");
    }

    /**
     * Reads an {@code account/list} item; {@code usage} is its {@code account/usage/list} report, or {@code null} to
     * use the usage fields every list item carries ({@code availabilityStatus}, used % and reset of both windows).
     */
    public static AccountRow from(JsonObject a, JsonObject usage) {
        JsonObject u = usage == null ? a : usage;
        String status = Json2.text(a, "status");
        String reason = Json2.text(a, "statusReason");
        boolean hasToken = Json2.bool(a, "hasToken", true);
        String usageAvailability = Json2.text(u, "availabilityStatus");
        if (usageAvailability.isEmpty()) {
            usageAvailability = Json2.text(a, "availabilityStatus");
        }
        return new AccountRow(Json2.text(a, "id", "accountId"), Json2.text(a, "label"), Json2.text(a, "email"),
                Json2.text(a, "planType"), Json2.text(a, "groupName"), Json2.strings(a, "tags"),
                Json2.number(a, "sort", 0), Json2.text(a, "note"), status, reason, hasToken,
                first(Json2.instant(a, "lastRefreshAt"), Json2.instant(u, "capturedAt")),
                Json2.decimal(u, "usedPercent"), Json2.instant(u, "resetsAt"),
                Json2.decimal(u, "secondaryUsedPercent"), Json2.instant(u, "secondaryResetsAt"),
                Availability.of(status, reason, hasToken, usageAvailability), Json2.text(a, "proxyUrl"));
    }

    private static Instant first(Instant a, Instant b) {
        return a != null ? a : b;
    }

    /** Label, else e-mail, else id: what menus show. */
    public String displayName() {
        return !label.isBlank() ? label : !email.isBlank() ? email : id;
    }

    /**
     * When the account can take requests again if a usage window is exhausted: the latest reset of the windows used
     * up; {@code null} when none is exhausted or its reset is unknown.
     */
    public Instant blockedUntil() {
        Instant until = null;
        if (primaryUsedPercent != null && primaryUsedPercent >= 100 && primaryResetsAt != null) {
            until = primaryResetsAt;
        }
        if (secondaryUsedPercent != null && secondaryUsedPercent >= 100 && secondaryResetsAt != null
                && (until == null || secondaryResetsAt.isAfter(until))) {
            until = secondaryResetsAt;
        }
        return until;
    }

    public boolean disabled() {
        return "disabled".equals(status);
    }
}
