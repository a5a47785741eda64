package com.codexmanager.testkit;

/** Fixed values of the ChatGPT sign-in protocol (codex-protocol.md §1.1). */
public final class OAuthConstants {
    /** The Codex CLI's public client id. */
    public static final String CLIENT_ID = "app_EMoamEEZ73f0CkXaXp7hrann";
    /** The callback the Codex CLI registers; the fake also accepts port 1457 by default. */
    public static final String DEFAULT_REDIRECT_URI = "http://localhost:1455/auth/callback";
    public static final String DEFAULT_SCOPE =
            "openid profile email offline_access api.connectors.read api.connectors.invoke";
    public static final String TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    private OAuthConstants() {
    }
}
