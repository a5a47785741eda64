package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies sent with {@code Content-Encoding} (the Codex CLI compresses with zstd when it talks to the
 * built-in provider's URL): each encoding is decoded, the body limit applies to the decoded size, and a
 * decompression bomb is a quick 413 that reaches no account.
 */
class CompressedBodiesTest {
    private static final long LIMIT = 1024 * 1024;
    private static final String BODY = "{\"model\":\"gpt-5.5\",\"input\":\"hello compressed\"}";

    static GatewayTestBed bed;
    static FakeAccount account;

    @BeforeAll
    static void start() {
        bed = new GatewayTestBed(Map.of("CODEXMANAGER_FRONT_PROXY_MAX_BODY_BYTES", Long.toString(LIMIT)));
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static HttpResponse<String> post(byte[] body, String encoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bed.baseUrl() + "/v1/responses"))
                .header("Authorization", "Bearer " + TestKeys.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return bed.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertServed(HttpResponse<String> response, String expectedText) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("echo: " + expectedText);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (OutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(bytes);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CompressedBodiesTest.class.getResourceAsStream("encodings/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void a_zstd_body_is_served() throws Exception {
        assertServed(post(Zstd.compress(utf8(BODY)), "zstd"), "hello compressed");

        String forwarded = bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json().toString();
        assertThat(forwarded).contains("hello compressed");
    }

    @Test
    void gzip_deflate_and_brotli_bodies_are_served() throws Exception {
        assertServed(post(gzip(utf8(BODY)), "gzip"), "hello compressed");
        assertServed(post(deflate(utf8(BODY), false), "deflate"), "hello compressed");
        assertServed(post(deflate(utf8(BODY), true), "deflate"), "hello compressed");
        assertServed(post(fixture("responses-body.json.br"), "br"), "hello from a brotli body");
    }

    @Test
    void stacked_encodings_are_undone_from_the_right() throws Exception {
        assertServed(post(Zstd.compress(gzip(utf8(BODY))), "gzip, zstd"), "hello compressed");
    }

    @Test
    void an_unknown_encoding_is_415_in_the_client_protocol() throws Exception {
        HttpResponse<String> response = post(utf8(BODY), "compress");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Json.object(response.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("unsupported_content_encoding");
    }

    @Test
    void a_body_that_is_not_what_its_encoding_says_is_400() throws Exception {
        HttpResponse<String> response = post(utf8(BODY), "zstd");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.object(response.body()).getAsJsonObject("error").get("code").getAsString())
                .isEqualTo("unreadable_body");
    }

    @Test
    void a_zstd_bomb_is_413_without_reaching_an_account() throws Exception {
        int before = bed.fake.requests(FakeUpstream.RESPONSES_PATH).size();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(compressed, 19)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                zstd.write(zeros);
            }
        }
        assertThat(compressed.size()).isLessThan(64 * 1024);

        HttpResponse<String> response = post(compressed.toByteArray(), "zstd");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("request_too_large").contains("decoded");
        assertThat(bed.fake.requests(FakeUpstream.RESPONSES_PATH)).hasSize(before);
    }

    @Test
    void a_brotli_bomb_is_413() throws Exception {
        HttpResponse<String> response = post(fixture("zeros-32mib.br"), "br");

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void a_decoded_body_just_under_the_limit_is_accepted() throws Exception {
        String padding = "x".repeat((int) LIMIT - 200);
        String body = "{\"model\":\"gpt-5.5\",\"input\":\"big\",\"metadata\":{\"pad\":\"" + padding + "\"}}";

        assertServed(post(gzip(utf8(body)), "gzip"), "big");
    }
}
