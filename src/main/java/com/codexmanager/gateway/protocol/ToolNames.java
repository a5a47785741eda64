package com.codexmanager.gateway.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reversible shortening of tool names for the backend's 64-character limit: a longer name becomes its first 55
 * characters, {@code _} and 8 hex digits of its SHA-256, the same for the same name in every request, so names in
 * replayed history map the same way. Immutable.
 */
public final class ToolNames {
    public static final int MAX_LENGTH = 64;
    public static final ToolNames EMPTY = new ToolNames(Map.of());
    private static final int PREFIX = MAX_LENGTH - 9;

    private final Map<String, String> originals;

    private ToolNames(Map<String, String> originals) {
        this.originals = Map.copyOf(originals);
    }

    /** The mapping for every name the request uses (declared tools and names in its history). */
    public static ToolNames of(Collection<String> names) {
        Map<String, String> originals = new HashMap<>();
        for (String name : names) {
            if (name != null && name.length() > MAX_LENGTH) {
                originals.put(shorten(name), name);
            }
        }
        return originals.isEmpty() ? EMPTY : new ToolNames(originals);
    }

    /** The name to send upstream: unchanged when it fits. */
    public static String shorten(String name) {
        if (name == null || name.length() <= MAX_LENGTH) {
            return name;
        }
        return name.substring(0, PREFIX) + "_" + HexFormat.of().formatHex(sha256(name), 0, 4);
    }

    /** The client's name for a name the upstream used. */
    public String original(String upstreamName) {
        return originals.getOrDefault(upstreamName, upstreamName);
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JRE", e);
        }
    }
}
