package com.codexmanager.desktop.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reordering rules for the account list (up/down buttons, drag and drop). Stateless. */
public final class AccountOrder {
    private AccountOrder() {
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

    /**
     * The pool order after dropping {@code dragged} on the insert line {@code dropIndex} of a view that shows only
     * {@code visible} (a filtered table; the whole pool when nothing is filtered). The line sits right before the
     * visible row {@code dropIndex}, so the dragged accounts land right before that row in the full order; a line
     * after the last visible row puts them right after that row. Dragged accounts keep their relative pool order
     * and hidden accounts keep their place. Dropping a block on its own place returns {@code orderedIds} unchanged.
     *
     * @param orderedIds every account id in pool order
     * @param visible the ids the view shows, in pool order; ids missing from {@code orderedIds} are ignored
     * @param dragged the ids being moved; ids missing from {@code orderedIds} are ignored
     * @param dropIndex the insert line, 0 (before the first visible row) to {@code visible.size()} (after the last)
     * @throws IllegalArgumentException when {@code dropIndex} is outside that range
     */
    public static List<String> drop(List<String> orderedIds, List<String> visible, Collection<String> dragged,
            int dropIndex) {
        if (dropIndex < 0 || dropIndex > visible.size()) {
            throw new IllegalArgumentException("dropIndex must be 0.." + visible.size() + ": " + dropIndex);
        }
        Set<String> moving = new HashSet<>(dragged);
        moving.retainAll(new HashSet<>(orderedIds));
        int line = fullLine(orderedIds, visible, dropIndex);
        if (moving.isEmpty() || line < 0) {
            return List.copyOf(orderedIds);
        }
        List<String> rest = new ArrayList<>();
        List<String> block = new ArrayList<>();
        int movingAboveLine = 0;
        for (int i = 0; i < orderedIds.size(); i++) {
            String id = orderedIds.get(i);
            if (moving.contains(id)) {
                block.add(id);
                movingAboveLine += i < line ? 1 : 0;
            } else {
                rest.add(id);
            }
        }
        rest.addAll(line - movingAboveLine, block);
        return List.copyOf(rest);
    }

    /** The insert position in the full order that the view's line {@code dropIndex} stands for; -1 if none. */
    private static int fullLine(List<String> orderedIds, List<String> visible, int dropIndex) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < orderedIds.size(); i++) {
            position.put(orderedIds.get(i), i);
        }
        for (int v = dropIndex; v < visible.size(); v++) {
            Integer before = position.get(visible.get(v));
            if (before != null) {
                return before;
            }
        }
        for (int v = dropIndex - 1; v >= 0; v--) {
            Integer after = position.get(visible.get(v));
            if (after != null) {
                return after + 1;
            }
        }
        return -1;
    }

    /**
     * {@code rows} rearranged into the order of {@code orderedIds}; rows whose id is not listed follow in their
     * current order, and listed ids without a row are skipped.
     */
    public static List<AccountRow> arrange(List<AccountRow> rows, List<String> orderedIds) {
        Map<String, AccountRow> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        List<AccountRow> out = new ArrayList<>();
        for (String id : orderedIds) {
            AccountRow row = byId.remove(id);
            if (row != null) {
                out.add(row);
            }
        }
        rows.stream().filter(r -> byId.containsKey(r.id())).forEach(out::add);
        return List.copyOf(out);
    }
}
