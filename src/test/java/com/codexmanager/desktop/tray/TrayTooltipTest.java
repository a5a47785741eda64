package com.codexmanager.desktop.tray;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.AccountRow;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.PoolSnapshot;
import com.codexmanager.desktop.rpc.ServiceCapabilities;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bug: on X11 the tray tooltip's lines ran together ("…at http://127.0.0.1:48229" + "3 of 4 ac…" read as port
 * 482293) and the end was cut at the screen edge. The tooltip is one short line in every state and language.
 */
class TrayTooltipTest {
    private static final String BASE = "http://127.0.0.1:48229";

    private static ConnectionStatus status(ConnectionStatus.State state) {
        return new ConnectionStatus(state, BASE, "1.0", state == ConnectionStatus.State.CONNECTED
                ? new ServiceCapabilities(Set.of("account/list"), "1.0") : ServiceCapabilities.NONE, "");
    }

    @Test
    void every_state_is_one_short_line_in_both_languages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Messages messages = Messages.of(locale);
            for (ConnectionStatus.State state : ConnectionStatus.State.values()) {
                String tooltip = TrayTooltip.text(messages, status(state), PoolSnapshot.EMPTY);

                assertThat(tooltip).as(locale + " " + state).doesNotContain("\n").startsWith("CodexManager · ");
                assertThat(tooltip.length()).as(tooltip).isLessThanOrEqualTo(TrayTooltip.MAX_LENGTH);
            }
        }
    }

    @Test
    void a_running_service_names_the_usable_accounts_and_leaves_the_address_to_the_menu() {
        List<AccountRow> accounts = new java.util.ArrayList<>();
        for (String availability : List.of("available", "available", "available", "unavailable")) {
            com.google.gson.JsonObject a = new com.google.gson.JsonObject();
            a.addProperty("id", "acc-" + accounts.size());
            a.addProperty("status", "active");
            a.addProperty("availabilityStatus", availability);
            accounts.add(AccountRow.from(a, null));
        }
        PoolSnapshot pool = new PoolSnapshot(true, accounts, 50.0, 70.0, "", "", java.time.Instant.EPOCH);

        String english = TrayTooltip.text(Messages.of(Locale.ENGLISH), status(ConnectionStatus.State.CONNECTED),
                pool);
        String chinese = TrayTooltip.text(Messages.of(Locale.SIMPLIFIED_CHINESE),
                status(ConnectionStatus.State.CONNECTED), pool);

        assertThat(english).isEqualTo("CodexManager · Running · 3 of 4 accounts available").doesNotContain(BASE);
        assertThat(chinese).isEqualTo("CodexManager · 运行中 · 4 个账号中 3 个可用");
    }

    @Test
    void the_forecast_adds_how_long_the_pool_lasts_while_the_line_stays_short() {
        List<AccountRow> accounts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            com.google.gson.JsonObject a = new com.google.gson.JsonObject();
            a.addProperty("id", "acc-" + i);
            a.addProperty("status", "active");
            a.addProperty("availabilityStatus", i < 3 ? "available" : "unavailable");
            accounts.add(AccountRow.from(a, null));
        }
        PoolSnapshot pool = new PoolSnapshot(true, accounts, 50.0, 70.0, "", "", java.time.Instant.EPOCH,
                new PoolSnapshot.Forecast(true, 12_000, 6.2));
        PoolSnapshot soon = pool.withForecast(new PoolSnapshot.Forecast(true, 12_000, 0.5));
        PoolSnapshot days = pool.withForecast(new PoolSnapshot.Forecast(true, 12_000, 80.0));

        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            for (PoolSnapshot p : List.of(pool, soon, days)) {
                String tooltip = TrayTooltip.text(Messages.of(locale), status(ConnectionStatus.State.CONNECTED), p);
                assertThat(tooltip.length()).as(tooltip).isLessThanOrEqualTo(TrayTooltip.MAX_LENGTH);
            }
        }
        assertThat(TrayTooltip.text(Messages.of(Locale.ENGLISH), status(ConnectionStatus.State.CONNECTED), pool))
                .isEqualTo("CodexManager · Running · 3 of 4 accounts available · ~6 h");
        assertThat(TrayTooltip.text(Messages.of(Locale.ENGLISH), status(ConnectionStatus.State.CONNECTED), soon))
                .endsWith(" · ~30 min");
        assertThat(TrayTooltip.text(Messages.of(Locale.SIMPLIFIED_CHINESE), status(ConnectionStatus.State.CONNECTED),
                days)).isEqualTo("CodexManager · 运行中 · 4 个账号中 3 个可用 · 约 3 天");
        assertThat(TrayTooltip.text(Messages.of(Locale.ENGLISH), status(ConnectionStatus.State.STOPPED), pool))
                .doesNotContain("~");
    }
}
