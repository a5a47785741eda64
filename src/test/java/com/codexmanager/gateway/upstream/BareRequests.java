package com.codexmanager.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** The server side of the bare loopback upstreams in these tests: reads one HTTP/1.1 request off a socket. */
final class BareRequests {
    private static final String CONTENT_LENGTH = "content-length:";

    private BareRequests() {
    }

    /** Reads one request head and a body announced by Content-Length; false at the end of the stream. */
    static boolean read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(CONTENT_LENGTH)) {
                in.readNBytes(Integer.parseInt(line.substring(CONTENT_LENGTH.length()).trim()));
            }
        }
        return true;
    }
}
