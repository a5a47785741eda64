package com.codexmanager.gateway;

import com.codexmanager.gateway.protocol.AdapterException;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Decoders for a request's {@code Content-Encoding}: {@code zstd}, {@code gzip}, {@code deflate} (zlib-wrapped, or
 * raw as some clients send it) and {@code br}, also stacked ({@code gzip, br} is undone from the right). Each
 * decoder streams with bounded memory: the caller caps how many decoded bytes it reads, and zstd frames that ask
 * for a window beyond {@link #ZSTD_MAX_WINDOW_LOG} are refused instead of allocating it. Stateless.
 */
final class ContentEncodings {
    /** 2^23 = 8 MiB: above what zstd's levels 1–19 use (the Codex CLI's default level needs 2 MiB). */
    static final int ZSTD_MAX_WINDOW_LOG = 23;
    private static final int MAX_LAYERS = 3;
    private static final Set<String> KNOWN = Set.of("identity", "", "zstd", "gzip", "x-gzip", "deflate", "br");

    private ContentEncodings() {
    }

    /**
     * The decoded body.
     *
     * @param header the {@code Content-Encoding} value, or {@code null}
     * @throws AdapterException 415 for an encoding the gateway does not decode
     */
    static InputStream decode(InputStream raw, String header) throws IOException {
        if (header == null || header.isBlank()) {
            return raw;
        }
        String[] layers = header.split(",");
        if (layers.length > MAX_LAYERS) {
            throw unsupported(header);
        }
        for (String layer : layers) {
            if (!KNOWN.contains(name(layer))) {
                // checked before any decoder exists, so none is left open (zstd's holds native memory)
                throw unsupported(header);
            }
        }
        InputStream in = raw;
        for (int i = layers.length - 1; i >= 0; i--) {
            in = decoder(name(layers[i]), in);
        }
        return in;
    }

    private static String name(String layer) {
        return layer.trim().toLowerCase(Locale.ROOT);
    }

    private static InputStream decoder(String encoding, InputStream in) throws IOException {
        return switch (encoding) {
            case "zstd" -> new ZstdInputStream(in).setLongMax(ZSTD_MAX_WINDOW_LOG);
            case "gzip", "x-gzip" -> new GZIPInputStream(in, 8192);
            case "deflate" -> deflate(in);
            case "br" -> new BrotliInputStream(in);
            default -> in;
        };
    }

    /** RFC 9110 deflate is zlib-wrapped; raw deflate streams (no header) are still common, so both are read. */
    private static InputStream deflate(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 8192);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean zlib = first >= 0 && second >= 0 && (first & 0x0F) == 8 && ((first << 8) | second) % 31 == 0;
        return new OwnedInflaterStream(buffered, new Inflater(!zlib));
    }

    /** Ends its own {@link Inflater} on close (a stream given an inflater leaves it to the caller). */
    private static final class OwnedInflaterStream extends InflaterInputStream {
        OwnedInflaterStream(InputStream in, Inflater inflater) {
            super(in, inflater, 8192);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }

    private static AdapterException unsupported(String header) {
        String shown = header.length() > 40 ? header.substring(0, 40) + "…" : header;
        return new AdapterException(415, "unsupported_content_encoding", "Content-Encoding '" + shown
                + "' is not supported; send zstd, gzip, deflate, br or an uncompressed body");
    }
}
