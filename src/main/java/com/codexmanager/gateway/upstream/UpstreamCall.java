package com.codexmanager.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One upstream exchange after its response head arrived: status, headers and the body stream. {@link #cancel()}
 * may be called from any thread (the watchdog, a disconnect) and makes a blocked read fail at once. Close it
 * exactly once.
 */
public final class UpstreamCall implements UpstreamBody, AutoCloseable {
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;

    UpstreamCall(HttpUriRequestBase request, ClassicHttpResponse response) {
        this.request = request;
        this.response = response;
    }

    public int status() {
        return response.getCode();
    }

    public Optional<String> header(String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? Optional.empty() : Optional.ofNullable(h.getValue());
    }

    /** All headers, names lower-cased (last value wins). */
    public Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            out.put(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        return out;
    }

    public String contentType() {
        return header("content-type").orElse("").toLowerCase(Locale.ROOT);
    }

    @Override
    public InputStream body() throws IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    /** Reads at most {@code maxBytes} of the body as text (for error classification). */
    public String bodyText(int maxBytes) throws IOException {
        try (InputStream in = body()) {
            return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8);
        }
    }

    /** Aborts the exchange; a thread blocked reading the body gets an exception promptly. */
    @Override
    public void cancel() {
        request.cancel();
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is discarded either way
        }
    }
}
