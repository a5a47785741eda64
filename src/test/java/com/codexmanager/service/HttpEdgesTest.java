package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests refused before any route runs, spoken to the service over raw sockets (as curl and browsers send them).
 * Regressions: 431 came back as Jetty's HTML page; the RPC accepted 64 MiB bodies; /rpc and /metrics answered any
 * Host header, so a page that rebinds its own host name to 127.0.0.1 could reach them; an oversized upload got
 * "100 Continue" first and then the 413 while it was still sending (curl saw a broken pipe).
 */
class HttpEdgesTest {
    @TempDir
    Path dir;
    ServiceHarness service;
    int port;

    @BeforeEach
    void start() {
        service = ServiceHarness.start(dir);
        port = URI.create(service.baseUrl()).getPort();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void headers_too_large_get_a_json_431() throws Exception {
        String reply = exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(statusLine(reply)).startsWith("HTTP/1.1 431");
        assertThat(reply).containsIgnoringCase("Content-Type: application/json");
        JsonObject error = Json.object(body(reply)).getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("request_header_fields_too_large");
        assertThat(reply).doesNotContain("<html");
    }

    @Test
    void an_rpc_body_over_16_mib_is_refused_before_it_is_read() throws Exception {
        String reply = exchange("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-CodexManager-Rpc-Token: " + service.rpcToken() + "\r\nContent-Length: " + (16 * 1024 * 1024 + 1)
                + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");

        assertThat(statusLine(reply)).startsWith("HTTP/1.1 413");
        assertThat(Json.object(body(reply)).getAsJsonObject("error").get("code").getAsInt()).isEqualTo(-32600);
    }

    @Test
    void rpc_and_metrics_refuse_a_foreign_host_name_on_a_loopback_listener() throws Exception {
        String rpc = exchange(rpcRequest("evil.example:" + port));
        String metrics = exchange("GET /metrics HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");

        assertThat(statusLine(rpc)).startsWith("HTTP/1.1 403");
        assertThat(Json.object(body(rpc)).getAsJsonObject("error").get("message").getAsString()).contains("Host");
        assertThat(statusLine(metrics)).startsWith("HTTP/1.1 403");
        assertThat(Json.object(body(metrics)).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("forbidden");
    }

    @Test
    void rpc_and_metrics_answer_this_machines_host_names() throws Exception {
        for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "127.0.0.1"}) {
            assertThat(statusLine(exchange(rpcRequest(host)))).as(host).startsWith("HTTP/1.1 200");
            assertThat(statusLine(exchange("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")))
                    .as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void an_oversized_upload_gets_413_instead_of_100_continue() throws Exception {
        String key = service.rpc().call("apikey/create", Map.of("name", "big", "protocolType", "openai"))
                .get("key").getAsString();

        String reply = exchange("POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (20 * 1024 * 1024)
                + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");

        assertThat(reply).doesNotStartWith("HTTP/1.1 100");
        assertThat(statusLine(reply)).startsWith("HTTP/1.1 413");
        assertThat(Json.object(body(reply)).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("request_too_large");
    }

    private String rpcRequest(String host) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc/methods\"}";
        return "POST /rpc HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "X-CodexManager-Rpc-Token: " + service.rpcToken() + "\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** Sends the request head (and body, if any) and reads until the server closes. */
    private String exchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                reply.write(buffer, 0, n);
                if (complete(reply.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    /** A whole response: the head and as many body bytes as Content-Length says. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
        return text.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
    }

    private static String statusLine(String reply) {
        int eol = reply.indexOf("\r\n");
        return eol < 0 ? reply : reply.substring(0, eol);
    }

    private static String body(String reply) {
        return reply.substring(reply.indexOf("\r\n\r\n") + 4);
    }
}
