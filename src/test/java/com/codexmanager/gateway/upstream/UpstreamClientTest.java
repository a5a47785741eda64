package com.codexmanager.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which upstream reads have a socket timeout: a model call's only timeout is the gateway's watchdog (which follows
 * the live settings), other requests keep the backstop. The upstream here sends half its body, goes silent for
 * three times the backstop, then sends the rest.
 */
class UpstreamClientTest {
    private static final Duration BACKSTOP = Duration.ofMillis(300);
    private static final long SILENCE_MILLIS = 3 * BACKSTOP.toMillis();

    private final ServerSocket server = listen();
    private final Thread serving = new Thread(this::serve, "silent-upstream");
    private final UpstreamClient client = new UpstreamClient(Duration.ofSeconds(2), BACKSTOP,
            () -> Settings.fromEnvironment(Map.of()));

    @AfterEach
    void close() throws IOException {
        client.close();
        server.close();
    }

    @Test
    void a_model_call_reads_on_through_a_silence_longer_than_the_backstop() throws IOException {
        serving.start();
        try (UpstreamCall call = client.preparePost(uri(), Map.of(), "{}".getBytes(StandardCharsets.UTF_8)).open()) {
            assertThat(call.status()).isEqualTo(200);
            assertThat(new String(call.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first;second");
        }
    }

    @Test
    void other_requests_keep_the_backstop() throws IOException {
        serving.start();
        try (UpstreamCall call = client.get(uri(), Map.of())) {
            InputStream body = call.body();
            assertThat(body.readNBytes("first;".length())).asString(StandardCharsets.UTF_8).isEqualTo("first;");
            assertThatThrownBy(body::readAllBytes).isInstanceOf(SocketTimeoutException.class);
        }
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/stream");
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            BareRequests.read(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: 12\r\n\r\nfirst;")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(SILENCE_MILLIS); // the silence is what is being tested
            out.write("second".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(); // until the client closes
        } catch (IOException | InterruptedException e) {
            // the GET's client gives up during the silence
        }
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
