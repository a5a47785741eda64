package com.codexmanager.desktop.model;

import java.util.ArrayList;
import java.util.List;

/** Reordering rules for the account list (quick switch, up/down buttons). Stateless. */
public final class AccountOrder {
    private AccountOrder() {
    }

    /** The ids in their new order with {@code accountId} first and the rest keeping their relative order. */
    public static List<String> moveFirst(List<AccountRow> ordered, String accountId) {
        List<String> ids = new ArrayList<>();
        ids.add(accountId);
        ordered.stream().map(AccountRow::id).filter(id -> !id.equals(accountId)).forEach(ids::add);
        return ids;
    }

    /** The ids with the account at {@code index} swapped with its neighbour ({@code delta} = -1 up, +1 down). */
    public static List<String> move(List<AccountRow> ordered, int index, int delta) {
        List<String> ids = new ArrayList<>(ordered.stream().map(AccountRow::id).toList());
        int target = index + delta;
        if (index < 0 || index >= ids.size() || target < 0 || target >= ids.size()) {
            return ids;
        }
        String moved = ids.remove(index);
        ids.add(target, moved);
        return ids;
    }
}
