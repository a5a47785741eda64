package com.codexmanager.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP forward-proxy exchange of {@link TestProxy}: reads an absolute-URI request head, checks Basic proxy
 * auth, and sends the request on in origin form with {@code Connection: close}, so that one client connection
 * carries one request and the rest is a plain byte pump. CONNECT is not supported (the fake upstream is plain
 * http, so clients never tunnel to it).
 */
final class HttpProxyHandler {
    /** Headers that concern one hop only; HttpClient 5.6 offers {@code Upgrade: TLS/1.2} on plain-http GETs. */
    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("connection", "keep-alive", "upgrade",
            "te", "trailer");

    private final TestProxy proxy;

    HttpProxyHandler(TestProxy proxy) {
        this.proxy = proxy;
    }

    /** Returns the connected target, or {@code null} after answering the client itself. */
    Socket handle(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        List<String> head = readHead(in);
        if (head.isEmpty()) {
            return null;
        }
        String[] requestLine = head.get(0).split(" ", 3);
        if (requestLine.length != 3 || requestLine[0].equals("CONNECT") || !requestLine[1].startsWith("http://")) {
            answer(client, "501 Not Implemented", "");
            return null;
        }
        String required = proxy.requiredAuthorization();
        if (required != null && !required.equals(header(head, "proxy-authorization"))) {
            proxy.countChallenge();
            answer(client, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test\"\r\n");
            return null;
        }
        URI target = URI.create(requestLine[1]);
        int port = target.getPort() < 0 ? 80 : target.getPort();
        proxy.recordTarget(target.getHost() + ":" + port);
        proxy.recordRequest(requestLine[0] + " " + target.getRawPath());
        Socket upstream;
        try {
            upstream = TestProxy.connectTarget(target.getHost(), port);
        } catch (IOException e) {
            answer(client, "502 Bad Gateway", "");
            return null;
        }
        StringBuilder out = new StringBuilder();
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        out.append(requestLine[0]).append(' ').append(path.isEmpty() ? "/" : path).append(' ')
                .append(requestLine[2]).append("\r\n");
        for (String line : head.subList(1, head.size())) {
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !HOP_BY_HOP.contains(name)) {
                out.append(line).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        upstream.getOutputStream().write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        upstream.getOutputStream().flush();
        return upstream;
    }

    private static void answer(Socket client, String status, String extraHeaders) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\n" + extraHeaders + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Reads header lines up to the blank line, byte by byte so that no body byte is consumed. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return List.of();
    }
}
