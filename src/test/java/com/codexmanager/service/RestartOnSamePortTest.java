package com.codexmanager.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.ServiceProcess;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service manager restarts the service on the same port right after it died or was stopped. Regression: the
 * listener refused to reuse the address, so while the connections of the old process lingered in the kernel
 * (TIME_WAIT / FIN_WAIT for about a minute) the new process failed with "port already in use".
 */
class RestartOnSamePortTest {
    @TempDir
    Path dir;

    @Test
    void the_port_is_bound_again_at_once_after_kill_9_with_open_connections() throws Exception {
        try (ServiceProcess service = ServiceProcess.prepare(dir, Map.of()).start()) {
            List<Socket> open = openConnections(service, 5);

            service.kill9();
            service.launch();

            service.awaitHealthy(Duration.ofSeconds(20));
            assertThat(service.logText()).doesNotContain("already in use");
            closeAll(open);
        }
    }

    @Test
    void the_port_is_bound_again_at_once_after_sigterm_with_open_connections() throws Exception {
        try (ServiceProcess service = ServiceProcess.prepare(dir, Map.of()).start()) {
            List<Socket> open = openConnections(service, 5);

            service.sigterm();
            assertThat(service.awaitExit(Duration.ofSeconds(30))).isIn(0, 143);
            service.launch();

            service.awaitHealthy(Duration.ofSeconds(20));
            assertThat(service.logText()).doesNotContain("already in use");
            closeAll(open);
        }
    }

    /** Keep-alive connections that have each served a request and stay open, as a client pool leaves them. */
    private static List<Socket> openConnections(ServiceProcess service, int count) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = new byte[12];
            assertThat(socket.getInputStream().readNBytes(head, 0, head.length)).isEqualTo(head.length);
            assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            sockets.add(socket);
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
