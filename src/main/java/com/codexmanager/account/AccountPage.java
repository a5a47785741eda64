package com.codexmanager.account;

import java.util.List;

/** One page of {@code account/list}: the items, the number of all matching accounts, the page asked for. Immutable. */
public record AccountPage(List<Account> items, long total, int page, int pageSize) {
    public AccountPage {
        items = List.copyOf(items);
    }
}
