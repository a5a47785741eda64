package com.codexmanager.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.config.HostPort;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drain after {@link HttpServer#stopAccepting}: a response whose connection makes no progress for a while must
 * still be able to finish. Regression: Jetty cut every open connection's idle timeout to 1 s when the connector
 * shut down, so a write pending at that moment failed — in the shutdown test, a stream's terminal event reached
 * the client but its write was failed by the timeout, and the request was logged as a client that left (499).
 */
class HttpServerDrainTest {
    /** Longer than Jetty's own shutdown idle timeout (1 s). */
    private static final Duration CLIENT_PAUSE = Duration.ofMillis(1_500);
    private static final int BODY_BYTES = 48 * 1024 * 1024;

    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch handlerDone = new CountDownLatch(1);
    private volatile Throwable writeFailure;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void a_write_that_waits_on_a_slow_reader_survives_the_drain() throws Exception {
        server = new HttpServer(new HttpServerOptions(new HostPort("127.0.0.1", 0), 8, 32, 64, 1 << 20,
                Duration.ofSeconds(1)), List.of(routes -> routes.get("/big", ctx -> {
                    ctx.res().setContentType("application/octet-stream");
                    ctx.res().setContentLength(BODY_BYTES);
                    OutputStream out = ctx.res().getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        for (int sent = 0; sent < BODY_BYTES; sent += chunk.length) {
                            out.write(chunk);
                            writing.countDown();
                        }
                        out.flush();
                    } catch (Exception e) {
                        writeFailure = e;
                    } finally {
                        handlerDone.countDown();
                    }
                })));
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /big HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

            server.stopAccepting(Duration.ofSeconds(10));
            // a reader that stalls while the server's write waits on it (socket buffers full)
            Thread.sleep(CLIENT_PAUSE.toMillis());

            long received = drain(socket.getInputStream());
            assertThat(handlerDone.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(writeFailure).isNull();
            assertThat(received).isGreaterThan(BODY_BYTES);
        }
        assertThat(server.awaitDrained(Duration.ofSeconds(5))).isTrue();
    }

    /** Reads the whole response (headers and body) until the server closes the connection after it. */
    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total >= BODY_BYTES + 40) {
                break;
            }
        }
        return total;
    }
}
