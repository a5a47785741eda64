package com.codexmanager.server;

import com.codexmanager.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON error bodies in the OpenAI shape {@code {"error":{"message","type","code"}}}, used by non-RPC routes. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    /** A stable error code for an HTTP status. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            case 431 -> "request_header_fields_too_large";
            default -> "http_" + status;
        };
    }

    public static String openAi(String message, String type, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        return Json.write(Map.of("error", error));
    }
}
