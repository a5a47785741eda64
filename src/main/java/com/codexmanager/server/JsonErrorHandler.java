package com.codexmanager.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request the HTTP parser refuses before any route runs: 431 headers too large, 400
 * bad request line, 413 from the connector) as OpenAI-shaped JSON instead of Jetty's HTML page, whatever the
 * {@code Accept} header says. Never includes a stack trace or the exception text. Thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        String body = ErrorBodies.openAi(reason == null ? "HTTP " + code : reason,
                code >= 500 ? "server_error" : "invalid_request_error", ErrorBodies.codeFor(code));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
