package com.codexmanager.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts captured windows into the short (5 h) and long (7 d) slots by their length, never by the key they came
 * under: upstream sends a free plan's weekly window as {@code primary_window}. Stateless.
 */
final class WindowSlots {
    /** Windows up to a day (plus the 3-minute slack the original UI allowed) are "short". */
    static final long SHORT_WINDOW_MAX_MINUTES = 24 * 60 + 3;

    private WindowSlots() {
    }

    /** Result of {@link #assign}: either slot may be null. */
    record Slots(UsageWindow primary, UsageWindow secondary) {
    }

    /**
     * Windows without a length cannot be placed and are dropped. Two short windows: the shorter is primary and the
     * other secondary; two long ones: the shorter is secondary and the other is dropped.
     */
    static Slots assign(List<UsageWindow> windows) {
        List<UsageWindow> sorted = new ArrayList<>();
        for (UsageWindow window : windows) {
            if (window != null && window.windowMinutes() != null && window.windowMinutes() > 0) {
                sorted.add(window);
            }
        }
        sorted.sort(Comparator.comparingLong(UsageWindow::windowMinutes));
        UsageWindow primary = null;
        UsageWindow secondary = null;
        for (UsageWindow window : sorted) {
            if (primary == null && window.windowMinutes() <= SHORT_WINDOW_MAX_MINUTES) {
                primary = window;
            } else if (secondary == null) {
                secondary = window;
            }
        }
        return new Slots(primary, secondary);
    }

    /** Seconds to minutes, rounded up as the Codex CLI does (18000 → 300, 604800 → 10080). */
    static Long minutes(Long seconds) {
        return seconds == null || seconds <= 0 ? null : (seconds + 59) / 60;
    }
}
