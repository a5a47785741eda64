package com.codexmanager.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.Await;
import com.codexmanager.upstream.UpstreamProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idle-connection check of the relay's upstream connections, against a bare loopback server. */
class RelayConnectionsTest {
    private final ServerSocket server = listen();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void an_idle_direct_connection_is_open_until_the_upstream_closes_it() throws Exception {
        SocketChannel channel = SocketChannel.open(server.getLocalSocketAddress());
        RelayConnections.Connection connection = bind(channel.socket());
        Socket upstreamSide = server.accept();

        assertThat(connection.checksWithoutWaiting()).isTrue();
        assertThat(connection.isStale()).isFalse();
        assertThat(channel.isBlocking()).as("left as HttpClient uses it").isTrue();

        upstreamSide.close();
        Await.until("the close to be seen", () -> stale(connection));
        connection.close();
    }

    @Test
    void a_connection_on_a_plain_socket_keeps_httpclients_own_check() throws Exception {
        Socket socket = new Socket();
        socket.connect(server.getLocalSocketAddress());
        RelayConnections.Connection connection = bind(socket);
        Socket upstreamSide = server.accept();

        assertThat(connection.checksWithoutWaiting()).isFalse();
        assertThat(connection.isStale()).isFalse();
        upstreamSide.close();
        Await.until("the close to be seen", () -> stale(connection));
        connection.close();
    }

    @Test
    void the_pool_reuses_an_open_connection_and_replaces_one_the_upstream_closed() throws Exception {
        Thread serving = new Thread(this::serveKeepAlive, "bare-upstream");
        serving.setDaemon(true);
        serving.start();
        // check every connection at lease, as the relay's pool does after 2 s idle
        PoolingHttpClientConnectionManager pool = RelayConnections.poolBuilder(UpstreamProxy.DIRECT)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS).build())
                .build();
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool)
                .disableAutomaticRetries().build()) {
            assertThat(get(client, url)).isEqualTo("ok");
            assertThat(get(client, url)).isEqualTo("ok");
            assertThat(accepted).as("the open connection was reused").hasSize(1);

            accepted.get(0).close();
            // without the check this request would go out on the closed connection and fail (no retries)
            assertThat(get(client, url)).isEqualTo("ok");
            assertThat(accepted).hasSize(2);
        }
    }

    /** Chunks already read count as available across chunk boundaries; with nothing more sent, the next read waits. */
    @Test
    void a_body_reports_the_chunks_its_connection_already_holds() throws Exception {
        CountDownLatch lastChunkSent = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        Thread serving = new Thread(() -> {
            try (Socket socket = server.accept()) {
                BareRequests.read(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "4\r\naaaa\r\n4\r\nbbbb\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                released.await();
                out.write("4\r\ncccc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                lastChunkSent.countDown();
                socket.getInputStream().read();
            } catch (IOException | InterruptedException e) {
                // the test is over
            }
        }, "chunked-upstream");
        serving.setDaemon(true);
        serving.start();
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(RelayConnections
                .poolBuilder(UpstreamProxy.DIRECT)
                .build()).build();
                ClassicHttpResponse response = client.executeOpen(null,
                        new HttpGet("http://127.0.0.1:" + server.getLocalPort() + "/"), null)) {
            InputStream body = response.getEntity().getContent();

            assertThat(body.readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("aaaa");
            assertThat(body.available()).as("the second chunk is in the connection's buffer").isPositive();
            assertThat(body.readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("bbbb");
            assertThat(body.available()).as("nothing read ahead or waiting: the next read would wait").isZero();

            released.countDown();
            lastChunkSent.await();
            assertThat(body.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("cccc");
        }
    }

    private static String get(CloseableHttpClient client, String url) throws IOException {
        return client.execute(new HttpGet(url), response -> EntityUtils.toString(response.getEntity()));
    }

    /** Answers "ok" to every request on every connection and keeps each connection open. */
    private void serveKeepAlive() {
        try {
            while (true) {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread answering = new Thread(() -> answer(socket), "bare-upstream-connection");
                answering.setDaemon(true);
                answering.start();
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private static void answer(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (BareRequests.read(in)) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException closed) {
            // the test closed it
        }
    }

    private static RelayConnections.Connection bind(Socket socket) throws IOException {
        return (RelayConnections.Connection) RelayConnections.INSTANCE.createConnection(socket);
    }

    private static boolean stale(RelayConnections.Connection connection) {
        try {
            return connection.isStale();
        } catch (IOException e) {
            return true;
        }
    }

    private static ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
