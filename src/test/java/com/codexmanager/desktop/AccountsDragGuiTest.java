package com.codexmanager.desktop;

import static com.codexmanager.desktop.GuiTestSupport.await;
import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static com.codexmanager.desktop.GuiTestSupport.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.model.AccountsTableModel;
import com.codexmanager.desktop.theme.Accent;
import com.codexmanager.desktop.theme.UiTheme;
import com.codexmanager.testkit.FakeUpstream;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.JTable;
import javax.swing.RowSorter;
import javax.swing.SortOrder;
import javax.swing.TransferHandler;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.MouseButton;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drag and drop on the accounts page with the real mouse against one real service whose gateway is backed by the
 * fake upstream (alice, bob exhausted, carol). Its own class, because the pages test leaves the pool cooling down
 * and this one needs the gateway to answer. Every test starts from the seeded pool in its seeded order, whatever
 * ran before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsDragGuiTest {
    private static final int ACCOUNT_COLUMN = AccountsTableModel.Column.ACCOUNT.ordinal();

    @TempDir
    static Path dataDir;

    private DesktopFixture fixture;
    private RunningDesktop desktop;
    private List<String> ids;
    private Robot robot;
    private FrameFixture window;

    @BeforeAll
    void start() {
        GuiTestSupport.assumeDisplay();
        fixture = DesktopFixture.start(dataDir, false, new GuiTestSupport.RecordingPlatform());
        desktop = fixture.desktop;
        fixture.seedPool().seedKeys();
        ids = fixture.ids;
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(15);
        robot.settings().eventPostingDelay(30);
        window = new FrameFixture(robot, frame());
        onEdt(() -> desktop.app().context().laf().apply(UiTheme.LIGHT, Accent.BLUE, false));
        window.toggleButton("nav." + Page.ACCOUNTS.id()).click();
        await("accounts shown", () -> desktop.app().window().currentPage() == Page.ACCOUNTS);
        await("rows", () -> table().getRowCount() == 3);
    }

    @AfterAll
    void stop() throws Exception {
        if (robot != null) {
            robot.cleanUpWithoutDisposingWindows();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A failed test must not leave a dialog over the window for the next one. */
    @AfterEach
    void closeDialogs() {
        onEdt(() -> Arrays.stream(Window.getWindows()).filter(w -> w instanceof JDialog && w.isShowing())
                .forEach(Window::dispose));
    }

    @BeforeEach
    void seededPool() {
        fixture.resetPool();
        onEdt(() -> {
            table().getRowSorter().setSortKeys(null);
            window.textBox("accounts-search").target().setText("");
        });
        reloadPage();
        await("seeded order", () -> shownIds().equals(ids));
    }

    @Test
    void dragging_the_last_row_to_the_top_makes_it_the_account_the_gateway_uses() {
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "before the drag")).isEqualTo(200);
        assertThat(lastUpstreamAccount()).hasValue(fixture.fakes.get(0).accountId());
        List<String> expected = List.of(ids.get(2), ids.get(0), ids.get(1));

        drag(2, 0, "accounts-drag-light", () -> fixture.order().equals(expected));

        await("table follows", () -> shownIds().equals(expected));
        assertThat(onEdt(this::selectedIds)).containsExactly(ids.get(2));
        await("move buttons usable again", () -> window.button("accounts.moveDown").target().isEnabled());
        assertThat(fixture.send(fixture.gatewayKey(), "gpt-5.5", "after the drag")).isEqualTo(200);
        assertThat(lastUpstreamAccount()).hasValue(fixture.fakes.get(2).accountId());
        screenshot(frame().getRootPane(), "page-accounts-after-drag-light");
    }

    @Test
    void rows_dragged_together_in_a_filtered_view_land_before_the_row_under_the_line_in_the_full_order() {
        String carol = ids.get(2);
        String alice = ids.get(0);
        String bob = ids.get(1);
        fixture.rpc().call("account/import", Map.of("contents", List.of(DesktopFixture.tokenFile("dave@example.com"),
                DesktopFixture.tokenFile("erin@example.com"))));
        String dave = fixture.accountIdOf("dave@example.com");
        String erin = fixture.accountIdOf("erin@example.com");
        fixture.rpc().call("account/updateSorts", Map.of("accountIds", List.of(carol, alice, bob, dave, erin)));
        for (String id : List.of(carol, bob, dave, erin)) {
            fixture.rpc().call("account/update", Map.of("accountId", id, "tags", List.of("team")));
        }
        reloadPage();
        await("five rows", () -> table().getRowCount() == 5);
        window.textBox("accounts-search").enterText("team");
        await("alice filtered out", () -> shownIds().equals(List.of(carol, bob, dave, erin)));
        selectRows(dave, erin);
        List<String> expected = List.of(carol, alice, dave, erin, bob);

        drag(3, 1, "accounts-drag-filtered-light", () -> fixture.order().equals(expected));

        await("table follows", () -> shownIds().equals(List.of(carol, dave, erin, bob)));
        assertThat(onEdt(this::selectedIds)).containsExactly(dave, erin);
        window.textBox("accounts-search").deleteText();
        await("all rows back in the new order", () -> shownIds().equals(expected));
    }

    @Test
    void a_failed_save_shows_the_error_and_puts_the_order_back() {
        fixture.rpc().call("account/import", Map.of("contents",
                List.of(DesktopFixture.tokenFile("gone@example.com"))));
        reloadPage();
        await("four rows", () -> table().getRowCount() == 4);
        List<String> before = fixture.order();
        String gone = before.get(before.size() - 1);
        fixture.rpc().call("account/delete", Map.of("accountId", gone));
        List<String> remaining = before.subList(0, before.size() - 1);
        assertThat(onEdt(this::shownIds)).as("the page has not seen the delete").contains(gone);

        drag(before.size() - 1, 0, null, () -> dialog().isPresent());

        JOptionPane pane = robot.finder().findByType(dialog().orElseThrow(), JOptionPane.class, true);
        assertThat(String.valueOf(onEdt(pane::getMessage))).startsWith("The service said: ").contains(gone);
        screenshot(dialog().orElseThrow().getRootPane(), "dialog-reorder-failed-light");
        assertThat(fixture.order()).isEqualTo(remaining);
        await("table shows the saved order", () -> shownIds().equals(remaining));
        onEdt(() -> dialog().orElseThrow().dispose());
    }

    @Test
    void rows_cannot_be_dragged_while_the_table_is_sorted_and_the_tooltip_says_why() {
        JTable t = table();
        assertThat(onEdt(() -> t.getToolTipText())).isEqualTo("Drag rows to change the routing order (select several to "
                + "move them together)");

        RowSorter.SortKey byAccount = new RowSorter.SortKey(ACCOUNT_COLUMN, SortOrder.DESCENDING);
        onEdt(() -> {
            t.getRowSorter().setSortKeys(List.of(byAccount));
        });

        await("tooltip explains", () -> "Rows can be dragged only while the table shows the routing order".equals(
                t.getToolTipText()));
        assertThat(onEdt(() -> t.getTransferHandler().getSourceActions(t))).isEqualTo(TransferHandler.NONE);
        onEdt(() -> {
            t.getRowSorter().setSortKeys(null);
        });
        await("drag allowed again", () -> t.getTransferHandler().getSourceActions(t) == TransferHandler.MOVE);
    }

    /**
     * Drags view row {@code from} to the insert line {@code line} with the real mouse and waits until {@code done}
     * holds. Under Xvfb on a loaded machine a drag gesture can fail to start, so a missed gesture is let go away
     * from the table (where nothing accepts it) and tried again. {@code shot}, if not null, names a screenshot
     * taken while the drop line shows.
     */
    private void drag(int from, int line, String shot, BooleanSupplier done) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            Point start = onScreen(from, 0.5);
            Point target = line < onEdt(table()::getRowCount) ? onScreen(line, 0.2) : onScreen(line - 1, 0.8);
            robot.moveMouse(start);
            robot.pressMouse(MouseButton.LEFT_BUTTON);
            boolean dropped = false;
            try {
                Point nudged = new Point(start.x, start.y + (target.y < start.y ? -12 : 12));
                glide(start, nudged, 4);
                if (dragStarted(nudged)) {
                    glide(nudged, target, 12);
                    if (waitQuietly(Duration.ofSeconds(3), () -> dropLineAt(line))) {
                        if (shot != null) {
                            screenshot(frame().getRootPane(), shot);
                        }
                        robot.releaseMouse(MouseButton.LEFT_BUTTON);
                        dropped = true;
                    }
                }
            } finally {
                if (!dropped) {
                    robot.moveMouse(header());
                    robot.releaseMouse(MouseButton.LEFT_BUTTON);
                }
            }
            if (dropped) {
                // the drop happened: a second drag would move rows again, so wait for its effect and stop
                await("effect of dragging row " + from + " to line " + line, Duration.ofSeconds(15), done);
                return;
            }
            robot.waitForIdle();
        }
        throw new AssertionError("dragging row " + from + " to line " + line + " had no effect after 3 attempts");
    }

    /** Ctrl-clicks the rows of these accounts with the real mouse; a click can miss under load, so retry. */
    private void selectRows(String... accountIds) {
        List<String> wanted = List.of(accountIds);
        for (int attempt = 0; attempt < 3; attempt++) {
            int[] rows = onEdt(() -> wanted.stream().mapToInt(id -> shownIds().indexOf(id)).toArray());
            window.table("accounts-table").selectRows(rows);
            if (waitQuietly(Duration.ofSeconds(3), () -> selectedIds().equals(wanted))) {
                return;
            }
        }
        throw new AssertionError("could not select " + wanted);
    }

    /**
     * Waits up to two seconds for the table to show a drop location, which it does once the drag gesture has
     * started and the drop target has seen a motion; keeps the pressed mouse jiggling meanwhile.
     */
    private boolean dragStarted(Point at) {
        for (int i = 0; i < 20; i++) {
            if (waitQuietly(Duration.ofMillis(100), () -> table().getDropLocation() != null)) {
                return true;
            }
            robot.moveMouse(new Point(at.x + (i % 2 == 0 ? 2 : 0), at.y));
        }
        return false;
    }

    /** Moves the pressed mouse in small steps, so that the drag source and target see every motion. */
    private void glide(Point from, Point to, int steps) {
        for (int i = 1; i <= steps; i++) {
            robot.moveMouse(new Point(from.x + (to.x - from.x) * i / steps, from.y + (to.y - from.y) * i / steps));
        }
    }

    private boolean dropLineAt(int line) {
        JTable.DropLocation location = table().getDropLocation();
        return location != null && location.isInsertRow() && location.getRow() == line;
    }

    /** The screen point at {@code fraction} of the height of view row {@code row}, in the account column. */
    private Point onScreen(int row, double fraction) {
        return onEdt(() -> {
            Rectangle cell = table().getCellRect(row, ACCOUNT_COLUMN, true);
            Point origin = table().getLocationOnScreen();
            return new Point(origin.x + cell.x + cell.width / 2, origin.y + cell.y + (int) (cell.height * fraction));
        });
    }

    /** A point on the page header, away from anything that accepts a drop of account rows. */
    private Point header() {
        return onEdt(() -> {
            Point origin = frame().getContentPane().getLocationOnScreen();
            return new Point(origin.x + frame().getContentPane().getWidth() / 2, origin.y + 30);
        });
    }

    private boolean waitQuietly(Duration timeout, BooleanSupplier condition) {
        try {
            await("drag step", timeout, condition);
            return true;
        } catch (AssertionError timedOut) {
            return false;
        }
    }

    private Optional<JDialog> dialog() {
        return onEdt(() -> Arrays.stream(Window.getWindows())
                .filter(w -> w instanceof JDialog && w.isShowing()).map(w -> (JDialog) w).findFirst());
    }

    private Optional<String> lastUpstreamAccount() {
        return fixture.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account();
    }

    /** Leaves the page and comes back, which reloads it from the service. */
    private void reloadPage() {
        onEdt(() -> desktop.app().window().show(Page.DASHBOARD));
        onEdt(() -> desktop.app().window().show(Page.ACCOUNTS));
    }

    private JFrame frame() {
        return desktop.app().window().frame();
    }

    private JTable table() {
        return (JTable) robot.finder().findByName(frame(), "accounts-table", false);
    }

    /** Account ids of the rows the table shows, top to bottom. */
    private List<String> shownIds() {
        JTable t = table();
        AccountsTableModel model = (AccountsTableModel) t.getModel();
        List<String> out = new ArrayList<>();
        for (int view = 0; view < t.getRowCount(); view++) {
            out.add(model.row(t.convertRowIndexToModel(view)).id());
        }
        return out;
    }

    private List<String> selectedIds() {
        JTable t = table();
        AccountsTableModel model = (AccountsTableModel) t.getModel();
        return Arrays.stream(t.getSelectedRows()).mapToObj(v -> model.row(t.convertRowIndexToModel(v)).id())
                .toList();
    }
}
