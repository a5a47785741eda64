package com.codexmanager.gateway;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The upstream URIs of model calls, parsed once: a base URL (a setting) and one of a few upstream paths make the
 * same few strings on every request, and {@code URI.create} parsed each of them again (2 % of the request threads'
 * samples under non-stream load). Bounded: past {@value #MAX_ENTRIES} distinct URIs (settings edited many times)
 * it starts over. Thread-safe.
 */
final class UpstreamUris {
    static final int MAX_ENTRIES = 64;

    private final ConcurrentHashMap<String, URI> parsed = new ConcurrentHashMap<>();

    URI of(String baseUrl, String path) {
        String text = baseUrl + path;
        URI uri = parsed.get(text);
        if (uri == null) {
            uri = URI.create(text);
            if (parsed.size() >= MAX_ENTRIES) {
                parsed.clear();
            }
            parsed.put(text, uri);
        }
        return uri;
    }
}
