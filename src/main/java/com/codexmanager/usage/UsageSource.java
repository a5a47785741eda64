package com.codexmanager.usage;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/** Where a snapshot's numbers came from. */
public enum UsageSource {
    /** {@code GET /backend-api/wham/usage} (poller, manual refresh, after adding an account). */
    @SerializedName("poll") POLL,
    /** The {@code x-codex-*} headers of a gateway reply. */
    @SerializedName("headers") HEADERS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static UsageSource parse(String text) {
        return text != null && text.equalsIgnoreCase("headers") ? HEADERS : POLL;
    }
}
