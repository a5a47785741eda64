package com.codexmanager.testkit;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Plain JDK HTTP calls against a {@link FakeUpstream}, for the fixture's own tests. Thread-safe. */
final class UpstreamCalls {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final FakeUpstream fake;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    UpstreamCalls(FakeUpstream fake) {
        this.fake = fake;
    }

    /** A minimal valid Responses body asking {@code userText}. */
    static JsonObject body(String userText) {
        return Json.obj("model", "gpt-5.5", "instructions", "", "input", Json.arr(
                Json.obj("type", "message", "role", "user", "content", Json.arr(
                        Json.obj("type", "input_text", "text", userText)))),
                "tools", Json.arr(), "tool_choice", "auto", "parallel_tool_calls", false,
                "store", false, "stream", true, "include", Json.arr());
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        return send(request(pathAndQuery, headers).GET().build());
    }

    HttpResponse<String> postJson(String path, String json, String... headers)
            throws IOException, InterruptedException {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) throws IOException, InterruptedException {
        String encoded = form.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build());
    }

    /** {@code POST /responses} as the Codex CLI sends it for {@code account}. */
    HttpResponse<String> responses(FakeAccount account, JsonObject body) throws IOException, InterruptedException {
        return postJson(FakeUpstream.RESPONSES_PATH, Json.write(body), authHeaders(account));
    }

    /** The same call, returning as soon as the headers arrive. */
    HttpResponse<java.io.InputStream> responsesStream(FakeAccount account, JsonObject body)
            throws IOException, InterruptedException {
        HttpRequest request = request(FakeUpstream.RESPONSES_PATH, authHeaders(account))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * Sends {@code POST /responses} over a plain socket and returns every byte until the server closes,
     * so a test sees exactly what went over the wire, including a missing final chunk.
     */
    String rawResponses(FakeAccount account, JsonObject body) throws IOException {
        byte[] json = Json.write(body).getBytes(StandardCharsets.UTF_8);
        String head = "POST " + FakeUpstream.RESPONSES_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + account.accessToken() + "\r\nChatGPT-Account-ID: " + account.accountId()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", fake.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(json);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String[] authHeaders(FakeAccount account) {
        return new String[] {"Authorization", "Bearer " + account.accessToken(),
            "ChatGPT-Account-ID", account.accountId(), "Accept", "text/event-stream"};
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        String url = pathAndQuery.startsWith("http") ? pathAndQuery : fake.baseUrl() + pathAndQuery;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
