package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.Availability;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.model.LogsApi;
import com.codexmanager.desktop.model.PoolSnapshot;
import com.codexmanager.desktop.ui.BarChart;
import com.codexmanager.desktop.ui.Card;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.PageHeader;
import com.codexmanager.desktop.ui.StatCard;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.swing.ButtonGroup;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JToggleButton;

/**
 * The dashboard: pool totals, remaining quota and how long the pool lasts at the current rate (from the shared
 * {@link PoolSnapshot}), today's requests, tokens
 * and success rate and a 24 h / 7 d chart (from {@code requestlog/summary}), and per-account usage bars. Each part
 * says "not available" on its own when the service lacks its methods. EDT only.
 */
public final class DashboardPanel extends JPanel implements PageView {
    private final DesktopContext ctx;
    private final LogsApi logs;
    private final Formats formats;
    private final Clock clock = Clock.systemDefaultZone();
    private final StatCard accounts;
    private final StatCard available;
    private final StatCard limited;
    private final StatCard needsLogin;
    private final StatCard pool5h;
    private final StatCard pool7d;
    private final StatCard requests;
    private final StatCard tokens;
    private final BarChart chart = new BarChart();
    private final JLabel forecast = Ui.label("", "h4");
    private final UsageList usageList;
    private ConnectionStatus connection = ConnectionStatus.connecting("");
    private boolean week;

    public DashboardPanel(DesktopContext ctx) {
        super(new BorderLayout());
        this.ctx = ctx;
        this.logs = new LogsApi(ctx.rpc());
        this.formats = new Formats(ctx.messages(), ZoneId.systemDefault());
        setBorder(Ui.pad(22, 28, 20, 28));
        accounts = new StatCard("dash.accounts", ctx.text("dash.accounts"));
        available = new StatCard("dash.available", ctx.text("dash.available"));
        // the same words as the accounts page's badges, so one state has one name
        limited = new StatCard("dash-limited", ctx.text(Availability.UNAVAILABLE.textKey()));
        needsLogin = new StatCard("dash-needsLogin", ctx.text(Availability.NEEDS_LOGIN.textKey()));
        pool5h = new StatCard("dash.pool5h", ctx.text("dash.pool5h"));
        pool7d = new StatCard("dash.pool7d", ctx.text("dash.pool7d"));
        requests = new StatCard("dash-requests", ctx.text("dash.requestsToday"));
        tokens = new StatCard("dash-tokens", ctx.text("dash.tokensToday"));
        chart.setName("dash-chart");
        chart.setLegend(ctx.text("dash.legend.requests"), ctx.text("dash.legend.tokens"));
        add(new PageHeader(ctx.text("page.dashboard"), ctx.text("dashboard.description")).action(buildRange()),
                BorderLayout.NORTH);
        JPanel body = new JPanel(new BorderLayout(0, Ui.scale(14)));
        body.setOpaque(false);
        JPanel cards = new JPanel(new GridLayout(2, 4, Ui.scale(12), Ui.scale(12)));
        cards.setOpaque(false);
        for (StatCard card : List.of(accounts, available, limited, needsLogin, pool5h, pool7d, requests, tokens)) {
            cards.add(card);
        }
        forecast.setName("dash-forecast");
        JPanel top = new JPanel(new BorderLayout(0, Ui.scale(10)));
        top.setOpaque(false);
        top.add(cards, BorderLayout.NORTH);
        top.add(forecast, BorderLayout.SOUTH);
        body.add(top, BorderLayout.NORTH);
        JPanel lower = new JPanel(new GridLayout(1, 2, Ui.scale(12), 0));
        lower.setOpaque(false);
        lower.add(titled(ctx.text("dash.chartTitle"), chart));
        usageList = new UsageList(ctx.messages(), formats, clock);
        JScrollPane usageScroll = new JScrollPane(usageList);
        usageScroll.setBorder(javax.swing.BorderFactory.createEmptyBorder());
        usageScroll.setOpaque(false);
        usageScroll.getViewport().setOpaque(false);
        lower.add(titled(ctx.text("dash.usageTitle"), usageScroll));
        body.add(lower, BorderLayout.CENTER);
        add(body, BorderLayout.CENTER);
        poolChanged(ctx.pool().current());
    }

    private JComponent buildRange() {
        JPanel range = new JPanel(new GridLayout(1, 2));
        range.setOpaque(false);
        ButtonGroup group = new ButtonGroup();
        JToggleButton day = new JToggleButton(ctx.text("dash.range.day"), true);
        day.setName("dash.range.day");
        JToggleButton days = new JToggleButton(ctx.text("dash.range.week"));
        days.setName("dash.range.week");
        for (JToggleButton b : List.of(day, days)) {
            Ui.style(b, "selectedBackground: $CodexManager.navSelected; selectedForeground: "
                    + "$CodexManager.navSelectedForeground");
            group.add(b);
            range.add(b);
        }
        day.addActionListener(e -> {
            week = false;
            loadTraffic();
        });
        days.addActionListener(e -> {
            week = true;
            loadTraffic();
        });
        return range;
    }

    private static JComponent titled(String title, JComponent content) {
        JPanel panel = new JPanel(new BorderLayout(0, Ui.scale(8)));
        panel.setOpaque(false);
        panel.add(Ui.label(title, "h4"), BorderLayout.NORTH);
        panel.add(content, BorderLayout.CENTER);
        return new Card(panel);
    }

    @Override
    public JComponent component() {
        return this;
    }

    @Override
    public void activated() {
        ctx.pool().refresh();
        loadTraffic();
    }

    @Override
    public void connectionChanged(ConnectionStatus status) {
        connection = status;
        if (status.connected() && isShowing()) {
            loadTraffic();
        } else if (!status.connected()) {
            showTrafficUnavailable(ctx.text("page.offline"));
            poolChanged(ctx.pool().current());
        }
    }

    @Override
    public void poolChanged(PoolSnapshot pool) {
        // a short note: the cards are narrow, and offline the banner already says why
        String na = connection.connected() ? ctx.text("dash.notAvailable") : "";
        if (!pool.supported()) {
            for (StatCard card : List.of(accounts, available, limited, needsLogin, pool5h, pool7d)) {
                card.show("–", na);
            }
            forecast.setVisible(false);
            usageList.showHint(connection.connected() ? ctx.text("common.notAvailable") : "");
            return;
        }
        int total = pool.accounts().size();
        accounts.show(Integer.toString(total), ctx.text("dash.usableDetail", pool.usable()));
        available.show(Long.toString(pool.count(Availability.AVAILABLE)),
                ctx.text("dash.singleDetail", pool.count(Availability.SINGLE_WINDOW)));
        limited.show(Long.toString(pool.count(Availability.UNAVAILABLE)), "");
        needsLogin.show(Long.toString(pool.count(Availability.NEEDS_LOGIN)), "");
        pool5h.show(percent(pool.primaryRemaining()), ctx.text("dash.remaining"));
        pool7d.show(percent(pool.secondaryRemaining()), ctx.text("dash.remaining"));
        showForecast(pool.forecast());
        usageList.show(pool);
    }

    /** "The pool lasts ~6 h at the current rate (12.3k tokens an hour)", or why there is no such figure. */
    private void showForecast(PoolSnapshot.Forecast pool) {
        forecast.setVisible(pool.supported());
        if (pool.hoursLeft() != null) {
            forecast.setText(ctx.text("dash.forecast", formats.lasts(pool.hoursLeft()),
                    Formats.compact(Math.round(pool.tokensPerHour()))));
        } else {
            forecast.setText(ctx.text(pool.tokensPerHour() > 0 ? "dash.forecastUnknown" : "dash.forecastIdle"));
        }
    }

    private static String percent(Double value) {
        return value == null ? "–" : Math.round(value) + "%";
    }

    private void loadTraffic() {
        if (!connection.connected()) {
            return;
        }
        if (!connection.capabilities().has("requestlog/summary")) {
            showTrafficUnavailable(ctx.text("common.notAvailable"));
            return;
        }
        Instant now = clock.instant();
        Instant startOfDay = LocalDate.now(clock).atStartOfDay(ZoneId.systemDefault()).toInstant();
        ctx.jobs().deliver(logs.summary(startOfDay, now, false), today -> {
            requests.show(Formats.compact(today.requests()), today.requests() == 0 ? ""
                    : ctx.text("dash.successRate", Math.round(100.0 * today.succeeded() / today.requests())));
            tokens.show(Formats.compact(today.tokens()), "");
        }, error -> showTrafficUnavailable(ErrorText.of(ctx.messages(), error)));
        Duration span = week ? Duration.ofDays(7) : Duration.ofHours(24);
        DateTimeFormatter label = DateTimeFormatter.ofPattern(week ? "MM-dd" : "HH");
        DateTimeFormatter title = DateTimeFormatter.ofPattern(week ? "yyyy-MM-dd" : "MM-dd HH:00");
        ctx.jobs().deliver(logs.summary(now.minus(span), now, week), summary -> {
            List<BarChart.Point> points = new ArrayList<>();
            summary.buckets().forEach(b -> {
                var start = b.start().atZone(ZoneId.systemDefault());
                String heading = week ? title.format(start) : title.format(start) + " – "
                        + start.plusHours(1).format(DateTimeFormatter.ofPattern("HH:00"));
                points.add(new BarChart.Point(label.format(start), heading, b.requests(), b.tokens()));
            });
            chart.show(points, ctx.text("dash.noTraffic"));
        }, error -> chart.show(List.of(), ErrorText.of(ctx.messages(), error)));
    }

    private void showTrafficUnavailable(String why) {
        requests.show("–", connection.connected() ? ctx.text("dash.notAvailable") : "");
        tokens.show("–", connection.connected() ? ctx.text("dash.notAvailable") : "");
        chart.show(List.of(), why);
    }
}
