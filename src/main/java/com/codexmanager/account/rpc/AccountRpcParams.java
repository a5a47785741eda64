package com.codexmanager.account.rpc;

import com.codexmanager.account.AccountFields;
import com.codexmanager.rpc.RpcParams;
import com.google.gson.JsonElement;
import java.util.List;

/** Parsing of account fields that RPC methods of several modules take (account update, login). Stateless. */
public final class AccountRpcParams {
    private AccountRpcParams() {
    }

    /** Tags as an array of strings or one comma-separated string; {@code null} when the field is absent. */
    public static List<String> tags(RpcParams p, String field) {
        if (!p.has(field)) {
            return null;
        }
        JsonElement raw = p.raw().get(field);
        if (raw.isJsonPrimitive() && raw.getAsJsonPrimitive().isString()) {
            return AccountFields.splitTags(raw.getAsString());
        }
        return AccountFields.tags(p.strings(field));
    }
}
