package com.codexmanager.account.rpc;

import com.codexmanager.account.Account;
import java.util.List;
import java.util.Map;

/**
 * Adds fields to the items of {@code account/list} (usage bars, availability) without the account package knowing
 * the feature that owns them. Called on the RPC thread for every list call, so it must be fast; must be
 * thread-safe.
 */
@FunctionalInterface
public interface AccountListExtension {
    /**
     * Extra fields per account id; an account without an entry gets none. Values are serialised with the service's
     * JSON conventions and must not overwrite the account's own fields.
     */
    Map<String, Map<String, Object>> fields(List<Account> accounts);
}
