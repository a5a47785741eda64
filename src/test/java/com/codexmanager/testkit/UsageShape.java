package com.codexmanager.testkit;

/** How an account's rate limits look on {@code /wham/usage} and in the {@code x-codex-*} headers. */
public enum UsageShape {
    /** A 5-hour primary window (18000 s) and a weekly secondary window (604800 s). */
    FIVE_HOUR_AND_WEEKLY,
    /** Only a weekly primary window, as free plans show. */
    WEEKLY_ONLY,
    /** {@code "rate_limit": null}, no {@code x-codex-*} window headers and no quota enforcement. */
    NONE
}
