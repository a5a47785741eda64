package com.codexmanager.gateway.upstream;

import com.codexmanager.gateway.port.Credentials;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the headers of a Codex backend request (codex-protocol.md §2.3): bearer token, ChatGPT-Account-ID,
 * originator, a Codex-style User-Agent, {@code session_id}, pass-through of the client's {@code x-codex-*} and
 * sub-agent headers, and the optional cookie. Stateless.
 */
public final class UpstreamHeaders {
    static final String CODEX_VERSION = "0.171.0";

    private UpstreamHeaders() {
    }

    /**
     * @param clientHeaders the client's request headers, names lower-cased
     * @param sessionId     the conversation id for {@code session_id}, or {@code null}
     */
    public static Map<String, String> build(Credentials credentials, String originator, String cookie,
            Map<String, String> clientHeaders, String sessionId, boolean stream) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Authorization", "Bearer " + credentials.accessToken());
        if (credentials.chatgptAccountId() != null && !credentials.chatgptAccountId().isBlank()) {
            out.put("ChatGPT-Account-ID", credentials.chatgptAccountId());
        }
        out.put("Accept", stream ? "text/event-stream" : "application/json");
        out.put("originator", originator);
        out.put("User-Agent", originator + "/" + CODEX_VERSION + " (" + osName() + "; " + arch()
                + ") codexmanager");
        out.put("version", CODEX_VERSION);
        if (sessionId != null && !sessionId.isBlank()) {
            out.put("session_id", sessionId);
            out.put("x-client-request-id", sessionId);
        }
        clientHeaders.forEach((name, value) -> {
            if (name.startsWith("x-codex-") || name.equals("x-openai-subagent")) {
                out.put(name, value);
            }
        });
        if (cookie != null && !cookie.isBlank()) {
            out.put("Cookie", cookie);
        }
        return out;
    }

    private static String osName() {
        return System.getProperty("os.name", "Linux") + " " + System.getProperty("os.version", "");
    }

    private static String arch() {
        String arch = System.getProperty("os.arch", "x86_64").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") ? "x86_64" : arch;
    }
}
