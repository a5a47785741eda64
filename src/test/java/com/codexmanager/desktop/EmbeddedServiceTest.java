package com.codexmanager.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.module.ServiceOptions;
import com.codexmanager.server.PortInUseException;
import com.codexmanager.testkit.Await;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start and stop of the service the desktop embeds, on a fixed address that another socket takes in between (no
 * HTTP traffic reaches it, so no TIME_WAIT of its own gets in the way).
 */
class EmbeddedServiceTest {
    @TempDir
    Path dataDir;

    private EmbeddedService start(int port, EmbeddedService.StartRetry retry) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CODEXMANAGER_DB_PATH", dataDir.resolve("codexmanager.mv.db").toString());
        env.put("CODEXMANAGER_SERVICE_ADDR", "127.0.0.1:" + port);
        env.put("CODEXMANAGER_DISABLE_POLLING", "1");
        return EmbeddedService.startNow(ServiceOptions.forTest(env, Clock.systemUTC()), new FocusRequests(), retry);
    }

    private static ServerSocket squat(int port) throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    /** Bug: Start after Stop failed at once while the address was still taken; now it waits and then runs. */
    @Test
    void a_start_waits_while_its_address_is_taken_and_runs_once_it_is_free() throws Exception {
        int port = DesktopFixture.freePort();
        EmbeddedService service = start(port, new EmbeddedService.StartRetry(Duration.ofMillis(50),
                Duration.ofSeconds(30)));
        List<ServiceControl.State> seen = new CopyOnWriteArrayList<>();
        service.addListener(() -> seen.add(service.state()));
        try {
            service.stop().get(20, TimeUnit.SECONDS);
            CompletableFuture<Void> started;
            try (ServerSocket squatter = squat(port)) {
                started = service.start();

                Await.until("waiting for the address", Duration.ofSeconds(10), service::waitingForAddress);
                assertThat(service.state()).isEqualTo(ServiceControl.State.STARTING);
                assertThat(started).isNotDone();
            }

            started.get(20, TimeUnit.SECONDS);
            assertThat(service.state()).isEqualTo(ServiceControl.State.RUNNING);
            assertThat(service.waitingForAddress()).isFalse();
            assertThat(service.endpoint().baseUrl()).endsWith(":" + port);
            assertThat(seen).contains(ServiceControl.State.STARTING).endsWith(ServiceControl.State.RUNNING);
        } finally {
            service.close();
        }
    }

    @Test
    void a_start_gives_up_when_the_address_stays_taken_past_its_window() throws Exception {
        int port = DesktopFixture.freePort();
        EmbeddedService service = start(port, new EmbeddedService.StartRetry(Duration.ofMillis(50),
                Duration.ofMillis(300)));
        try {
            service.stop().get(20, TimeUnit.SECONDS);
            try (ServerSocket squatter = squat(port)) {
                CompletableFuture<Void> started = service.start();

                assertThatThrownBy(() -> started.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(PortInUseException.class);
                assertThat(service.state()).isEqualTo(ServiceControl.State.STOPPED);
                assertThat(service.waitingForAddress()).isFalse();
            }
        } finally {
            service.close();
        }
    }

    @Test
    void a_stop_ends_a_start_that_waits_for_its_address() throws Exception {
        int port = DesktopFixture.freePort();
        EmbeddedService service = start(port, new EmbeddedService.StartRetry(Duration.ofMillis(50),
                Duration.ofSeconds(30)));
        try {
            service.stop().get(20, TimeUnit.SECONDS);
            try (ServerSocket squatter = squat(port)) {
                CompletableFuture<Void> started = service.start();
                Await.until("waiting for the address", Duration.ofSeconds(10), service::waitingForAddress);

                service.stop().get(20, TimeUnit.SECONDS);

                assertThat(started).isCancelled();
                assertThat(service.state()).isEqualTo(ServiceControl.State.STOPPED);
                assertThat(service.waitingForAddress()).isFalse();
            }
        } finally {
            service.close();
        }
    }
}
