package com.codexmanager.desktop;

import com.codexmanager.account.TestTokens;
import com.codexmanager.desktop.rpc.RpcEndpoint;
import com.codexmanager.testkit.RpcTestClient;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Puts real accounts into the desktop's service through {@code account/import}, and reads the pool order back. */
final class RealAccounts {
    private final RpcTestClient rpc;

    RealAccounts(RpcEndpoint endpoint) {
        this.rpc = RpcTestClient.of(endpoint.baseUrl(), endpoint.token());
    }

    /** The content of one importable token file for {@code email}. */
    static String tokenFile(String email) {
        String local = email.substring(0, email.indexOf('@'));
        TestTokens.Set t = TestTokens.forAccount("acct-" + local, "user-" + local, email, "plus",
                Instant.now().plus(10, ChronoUnit.DAYS));
        return "{\"access_token\":\"" + t.accessToken() + "\",\"refresh_token\":\"" + t.refreshToken()
                + "\",\"id_token\":\"" + t.idToken() + "\"}";
    }

    /** Imports one account per e-mail, in order; returns their ids. */
    List<String> importAll(String... emails) {
        List<String> contents = new ArrayList<>();
        for (String email : emails) {
            contents.add(tokenFile(email));
        }
        JsonObject result = rpc.call("account/import", Map.of("contents", contents));
        List<String> ids = new ArrayList<>();
        result.getAsJsonArray("accountIds").forEach(e -> ids.add(e.getAsString()));
        return ids;
    }

    /** Account ids in pool order. */
    List<String> order() {
        List<String> ids = new ArrayList<>();
        for (JsonElement e : rpc.call("account/list").getAsJsonArray("items")) {
            ids.add(e.getAsJsonObject().get("id").getAsString());
        }
        return ids;
    }

    List<String> emails() {
        List<String> emails = new ArrayList<>();
        for (JsonElement e : rpc.call("account/list").getAsJsonArray("items")) {
            emails.add(e.getAsJsonObject().get("email").getAsString());
        }
        return emails;
    }
}
