package com.codexmanager.account;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;
import java.util.Optional;

/**
 * The state of an account in the pool. Only {@link #ACTIVE} accounts are routed. {@link #DISABLED} is set and
 * cleared only by the user; automation never changes it.
 */
public enum AccountStatus {
    /** Usable. */
    @SerializedName("active") ACTIVE,
    /** Turned off by the user. */
    @SerializedName("disabled") DISABLED,
    /** Usage exhausted until the window resets. */
    @SerializedName("limited") LIMITED,
    /** Authentication failed for good (e.g. refresh token reused); needs a new login. */
    @SerializedName("unavailable") UNAVAILABLE,
    /** The account or workspace was deactivated upstream. */
    @SerializedName("banned") BANNED;

    /** The lowercase name used in the database and over RPC. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; {@code inactive} (the original product's legacy value) means {@link #DISABLED}. */
    public static Optional<AccountStatus> parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("inactive")) {
            return Optional.of(DISABLED);
        }
        for (AccountStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
