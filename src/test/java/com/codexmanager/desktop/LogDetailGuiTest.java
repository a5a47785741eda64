package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.ResponsesSocket;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.swing.JDialog;
import javax.swing.JTextArea;
import org.assertj.swing.data.TableCell;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request that came as a {@code response.create} frame on a Responses WebSocket says so in the log detail's
 * heading and stored fields; an HTTP request says HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogDetailGuiTest {
    @TempDir
    static Path dataDir;

    private final GuiTestSupport.RecordingPlatform platform = new GuiTestSupport.RecordingPlatform();
    private DesktopFixture fixture;
    private DesktopDriver ui;

    @BeforeAll
    void start() throws Exception {
        GuiTestSupport.assumeDisplay();
        fixture = DesktopFixture.start(dataDir, false, platform);
        fixture.seedPool().seedKeys();
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "over http")).isEqualTo(200);
        try (ResponsesSocket socket = ResponsesSocket.open(fixture.desktop.service().endpoint().baseUrl(),
                ResponsesSocket.codexHeaders(fixture.gatewayKey(), "gui-session"))) {
            List<JsonObject> frames = socket.turn("{\"type\":\"response.create\",\"model\":\"gpt-5.5\","
                    + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                    + "\"text\":\"over a socket\"}]}]}");
            assertThat(frames.get(frames.size() - 1).get("type").getAsString()).isEqualTo("response.completed");
        }
        DesktopFixture.poll("two rows", () -> fixture.rpc().call("requestlog/list", Map.of())
                .getAsJsonArray("items").size() == 2);
        ui = new DesktopDriver(fixture.desktop);
    }

    @AfterAll
    void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void the_detail_of_a_websocket_turn_says_it_came_over_a_websocket() {
        ui.open(Page.LOGS);
        await("rows", () -> ui.table("logs-table").getRowCount() == 2);

        ui.window.table("logs-table").cell(TableCell.row(0).column(2)).doubleClick();

        DialogFixture detail = ui.dialog("logDetailDialog");
        assertThat(detail.label("logs-detail-heading").text())
                .isEqualTo("GET /v1/responses · 200 · over a WebSocket");
        String fields = onEdt(() -> ((JTextArea) ui.named((java.awt.Container) detail.target(), "logs-detail"))
                .getText());
        assertThat(fields).contains("\"transport\": \"websocket\"");
        screenshot(((JDialog) detail.target()).getRootPane(), "dialog-log-detail-websocket-light");
        detail.button("logs-detail-close").click();

        ui.window.table("logs-table").cell(TableCell.row(1).column(2)).doubleClick();

        DialogFixture http = ui.dialog("logDetailDialog");
        assertThat(http.label("logs-detail-heading").text()).isEqualTo("POST /v1/responses · 200 · over HTTP");
        http.button("logs-detail-close").click();
    }
}
