package com.codexmanager.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every transport and JSON-RPC error case of POST /rpc, against the real service. */
class RpcHttpTest {
    @TempDir
    static Path dir;
    static ServiceHarness harness;

    @BeforeAll
    static void start() {
        harness = ServiceHarness.start(dir);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static HttpRequest.Builder rpc() {
        return HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/rpc"));
    }

    private static HttpRequest.Builder authed() {
        return rpc().header("X-CodexManager-Rpc-Token", harness.rpcToken()).header("Content-Type", "application/json");
    }

    private static HttpResponse<String> send(HttpRequest.Builder builder, String body) {
        return harness.send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonObject error(HttpResponse<String> response) {
        return Json.object(response.body()).getAsJsonObject("error");
    }

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}";

    @Test
    void missing_token_is_401_with_a_json_rpc_error() {
        HttpResponse<String> response = send(rpc().header("Content-Type", "application/json"), INITIALIZE);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32001);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
    }

    @Test
    void wrong_token_is_401() {
        HttpResponse<String> response = send(rpc().header("X-CodexManager-Rpc-Token", "nope")
                .header("Content-Type", "application/json"), INITIALIZE);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(harness.rpcToken());
    }

    @Test
    void foreign_origin_is_403_even_with_the_token() {
        HttpResponse<String> response = send(authed().header("Origin", "https://evil.example"), INITIALIZE);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32003);
    }

    @Test
    void loopback_origin_is_allowed() {
        HttpResponse<String> response = send(authed().header("Origin", "http://localhost:5173"), INITIALIZE);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void cross_site_fetch_is_403() {
        HttpResponse<String> response = send(authed().header("Sec-Fetch-Site", "cross-site"), INITIALIZE);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void non_json_content_type_is_415() {
        HttpResponse<String> response = send(rpc().header("X-CodexManager-Rpc-Token", harness.rpcToken())
                .header("Content-Type", "text/plain"), INITIALIZE);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(error(response).get("message").getAsString()).contains("application/json");
    }

    /**
     * The service refuses by the declared length, before reading the body. Sent over a plain socket that stops after
     * the first kilobyte: a client that kept writing all 65 MiB could be cut off by the close that follows the 413
     * before it read the answer (the JDK client then reports "no bytes", as CI once saw).
     */
    @Test
    void oversized_body_is_413() throws IOException {
        URI base = URI.create(harness.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /rpc HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "X-CodexManager-Rpc-Token: " + harness.rpcToken() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (65L * 1024 * 1024) + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"pad\":\"".concat("x".repeat(1024)).getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = socket.getInputStream();
            String responseHead = readHead(in);
            assertThat(responseHead).startsWith("HTTP/1.1 413");
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(responseHead);
            assertThat(length.find()).isTrue();
            String body = new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
            assertThat(Json.object(body).has("error")).isTrue();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void get_is_405_with_allow_header() {
        HttpResponse<String> response = harness.send(rpc().header("X-CodexManager-Rpc-Token", harness.rpcToken())
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("POST");
        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32600);
    }

    @Test
    void malformed_json_is_a_parse_error() {
        HttpResponse<String> response = send(authed(), "{\"jsonrpc\":\"2.0\", \"id\": 1, ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32700);
        assertThat(Json.object(response.body()).get("id").isJsonNull()).isTrue();
    }

    @Test
    void request_without_method_is_invalid_request() {
        HttpResponse<String> response = send(authed(), "{\"jsonrpc\":\"2.0\",\"id\":7}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32600);
        assertThat(Json.object(response.body()).get("id").getAsInt()).isEqualTo(7);
    }

    @Test
    void positional_params_are_invalid_request() {
        HttpResponse<String> response = send(authed(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":[1]}");

        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32600);
    }

    @Test
    void wrong_jsonrpc_version_is_invalid_request() {
        HttpResponse<String> response = send(authed(), "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"initialize\"}");

        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32600);
    }

    @Test
    void unknown_method_is_32601() {
        HttpResponse<String> response = send(authed(), "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"nope/x\"}");

        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32601);
        assertThat(Json.object(response.body()).get("id").getAsString()).isEqualTo("a");
    }

    @Test
    void invalid_params_name_the_field() {
        HttpResponse<String> response = send(authed(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"appSettings/set\","
                + "\"params\":{\"usagePollIntervalSecs\":5}}");

        JsonObject error = error(response);
        assertThat(error.get("code").getAsInt()).isEqualTo(-32602);
        assertThat(error.get("message").getAsString()).startsWith("usagePollIntervalSecs:").contains("minimum 30");
        assertThat(error.getAsJsonObject("data").get("field").getAsString()).isEqualTo("usagePollIntervalSecs");
    }

    @Test
    void batch_returns_one_answer_per_call_and_none_for_notifications() {
        HttpResponse<String> response = send(authed(), "["
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"initialize\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"missing\"},"
                + "42]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray answers = Json.parse(response.body()).getAsJsonArray();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).getAsJsonObject().getAsJsonObject("result").has("version")).isTrue();
        assertThat(answers.get(1).getAsJsonObject().getAsJsonObject("error").get("code").getAsInt())
                .isEqualTo(-32601);
        assertThat(answers.get(2).getAsJsonObject().getAsJsonObject("error").get("code").getAsInt())
                .isEqualTo(-32600);
    }

    @Test
    void empty_batch_is_invalid_request() {
        HttpResponse<String> response = send(authed(), "[]");

        assertThat(error(response).get("code").getAsInt()).isEqualTo(-32600);
    }

    @Test
    void a_notification_gets_no_body() {
        HttpResponse<String> response = send(authed(), "{\"jsonrpc\":\"2.0\",\"method\":\"initialize\"}");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void initialize_reports_version_data_dir_and_address() {
        JsonObject result = harness.rpc().call("initialize");

        assertThat(result.get("version").getAsString()).isNotBlank();
        assertThat(result.get("dataDir").getAsString()).isEqualTo(dir.toString());
        assertThat(result.get("serviceAddr").getAsString()).isEqualTo(harness.service().address().toString());
    }

    @Test
    void rpc_methods_lists_every_method_with_params() {
        JsonObject result = harness.rpc().call("rpc/methods");

        assertThat(result.getAsJsonArray("methods")).extracting(m -> m.getAsJsonObject().get("name").getAsString())
                .contains("initialize", "rpc/methods", "appSettings/get", "appSettings/set");
    }
}
