package com.codexmanager.desktop.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds accounts that just hit their limit or just started needing a new login, for tray notifications. */
public final class AccountAlerts {
    private AccountAlerts() {
    }

    /** Why to notify. */
    public enum Kind { LIMIT_REACHED, NEEDS_LOGIN }

    /** One notification to show. Immutable. */
    public record Alert(Kind kind, AccountRow account) {
    }

    /**
     * Alerts for accounts whose availability changed between two loads. The first load ({@code previous} never
     * loaded) alerts nothing: it reports a state the user has already seen.
     */
    public static List<Alert> between(PoolSnapshot previous, PoolSnapshot next) {
        List<Alert> alerts = new ArrayList<>();
        if (previous.loadedAt() == null || !next.supported()) {
            return alerts;
        }
        Map<String, Availability> before = new HashMap<>();
        previous.accounts().forEach(a -> before.put(a.id(), a.availability()));
        for (AccountRow a : next.accounts()) {
            Availability was = before.get(a.id());
            if (was == null || was == a.availability()) {
                continue;
            }
            if (a.availability() == Availability.UNAVAILABLE) {
                alerts.add(new Alert(Kind.LIMIT_REACHED, a));
            } else if (a.availability() == Availability.NEEDS_LOGIN) {
                alerts.add(new Alert(Kind.NEEDS_LOGIN, a));
            }
        }
        return alerts;
    }
}
