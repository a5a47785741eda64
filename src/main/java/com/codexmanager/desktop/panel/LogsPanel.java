package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.dialog.LogDetailDialog;
import com.codexmanager.desktop.model.LogRow;
import com.codexmanager.desktop.model.LogsApi;
import com.codexmanager.desktop.model.LogsTableModel;
import com.codexmanager.desktop.ui.FitTable;
import com.codexmanager.desktop.ui.Formats;
import com.codexmanager.desktop.ui.PriorityColumns;
import com.codexmanager.desktop.ui.Ui;
import com.codexmanager.desktop.ui.WrapLayout;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.Timer;
import javax.swing.table.TableColumn;

/**
 * The request logs: status chips (all / 2xx / 4xx / 5xx), {@code field:value} search, a time range, server-side
 * paging (so a million rows never load at once), lower-priority columns hidden on narrow windows, tooltips on cut
 * cells, and a detail view of one request on double-click. EDT only.
 */
public final class LogsPanel extends FeaturePage {
    static final int PAGE_SIZE = 100;
    private static final String[] STATUS_FILTERS = {"", "2xx", "4xx", "5xx"};
    private static final Duration[] RANGES = {Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7), null};

    private final LogsApi api;
    private final LogsTableModel model;
    private final FitTable table;
    private final JTextField search = new JTextField(22);
    private final JComboBox<String> range = new JComboBox<>();
    private final JLabel pageLabel = Ui.hint("");
    private final JButton previous = new JButton(Ui.icon("left"));
    private final JButton next = new JButton(Ui.icon("right"));
    private final Timer debounce;
    private String statusFilter = "";
    private int page = 1;
    private long pages = 1;

    public LogsPanel(DesktopContext ctx) {
        super(ctx, ctx.text("page.logs"), ctx.text("logs.description"), LogsApi.REQUIRED);
        this.api = new LogsApi(ctx.rpc());
        this.model = new LogsTableModel(ctx.messages(), new Formats(ctx.messages(), ZoneId.systemDefault()));
        this.table = new FitTable(model);
        this.debounce = new Timer(300, e -> firstPage());
        debounce.setRepeats(false);
        JButton refresh = new JButton(ctx.text("logs.refresh"), Ui.icon("refresh"));
        refresh.setName("logs.refresh");
        refresh.addActionListener(e -> reload());
        header().action(refresh);
    }

    @Override
    protected JComponent buildContent() {
        JPanel content = new JPanel(new BorderLayout(0, Ui.scale(10)));
        content.setOpaque(false);
        content.add(buildFilters(), BorderLayout.NORTH);
        content.add(buildTable(), BorderLayout.CENTER);
        content.add(buildPager(), BorderLayout.SOUTH);
        return content;
    }

    private JComponent buildFilters() {
        JPanel bar = new JPanel(new WrapLayout(FlowLayout.LEFT, Ui.scale(6), Ui.scale(2)));
        bar.setOpaque(false);
        ButtonGroup chips = new ButtonGroup();
        String[] labels = {ctx.text("logs.chip.all"), "2xx", "4xx", "5xx"};
        for (int i = 0; i < labels.length; i++) {
            String filter = STATUS_FILTERS[i];
            JToggleButton chip = new JToggleButton(labels[i], i == 0);
            chip.setName("logs.chip." + (filter.isEmpty() ? "all" : filter));
            Ui.style(chip, "arc: 999; margin: 3,12,3,12; selectedBackground: $CodexManager.navSelected;"
                    + "selectedForeground: $CodexManager.navSelectedForeground");
            chip.addActionListener(e -> {
                statusFilter = filter;
                firstPage();
            });
            chips.add(chip);
            bar.add(chip);
        }
        search.setName("logs-search");
        search.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, ctx.text("logs.searchHint"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_LEADING_ICON, Ui.icon("search"));
        search.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, true);
        search.getDocument().addDocumentListener(new javax.swing.event.DocumentListener() {
            @Override
            public void insertUpdate(javax.swing.event.DocumentEvent e) {
                debounce.restart();
            }

            @Override
            public void removeUpdate(javax.swing.event.DocumentEvent e) {
                debounce.restart();
            }

            @Override
            public void changedUpdate(javax.swing.event.DocumentEvent e) {
                debounce.restart();
            }
        });
        range.setName("logs-range");
        range.addItem(ctx.text("logs.range.hour"));
        range.addItem(ctx.text("logs.range.day"));
        range.addItem(ctx.text("logs.range.week"));
        range.addItem(ctx.text("logs.range.all"));
        range.setSelectedIndex(1);
        range.addActionListener(e -> firstPage());
        bar.add(javax.swing.Box.createHorizontalStrut(Ui.scale(8)));
        bar.add(search);
        bar.add(range);
        return bar;
    }

    private JComponent buildTable() {
        table.setName("logs-table");
        table.setRowHeight(Ui.scale(28));
        table.getTableHeader().setReorderingAllowed(false);
        int[] priorities = new int[LogsTableModel.Column.values().length];
        for (LogsTableModel.Column c : LogsTableModel.Column.values()) {
            TableColumn column = table.getColumnModel().getColumn(c.ordinal());
            column.setPreferredWidth(Ui.scale(c.width()));
            column.setMinWidth(Ui.scale(48));
            priorities[c.ordinal()] = c.priority();
        }
        table.getColumnModel().getColumn(LogsTableModel.Column.STATUS.ordinal()).setCellRenderer(new StatusRenderer());
        table.setFillColumn(LogsTableModel.Column.ERROR.ordinal());
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                int row = table.getSelectedRow();
                if (e.getClickCount() == 2 && row >= 0) {
                    showDetail(model.row(table.convertRowIndexToModel(row)));
                }
            }
        });
        JScrollPane scroll = new JScrollPane(table);
        new PriorityColumns(table, priorities).follow(scroll);
        return scroll;
    }

    private JComponent buildPager() {
        previous.setName("logs.previous");
        next.setName("logs.next");
        previous.setToolTipText(ctx.text("logs.previous"));
        next.setToolTipText(ctx.text("logs.next"));
        pageLabel.setName("logs-page");
        previous.addActionListener(e -> {
            page = Math.max(1, page - 1);
            reload();
        });
        next.addActionListener(e -> {
            page = (int) Math.min(pages, page + 1);
            reload();
        });
        JPanel pager = new JPanel(new FlowLayout(FlowLayout.RIGHT, Ui.scale(6), 0));
        pager.setOpaque(false);
        pager.add(pageLabel);
        pager.add(previous);
        pager.add(next);
        return pager;
    }

    /** Status codes in the theme's good / warn / bad colours. */
    private static final class StatusRenderer extends javax.swing.table.DefaultTableCellRenderer {
        @Override
        public java.awt.Component getTableCellRendererComponent(JTable table, Object value, boolean selected,
                boolean focus, int row, int column) {
            super.getTableCellRendererComponent(table, value, selected, focus, row, column);
            String code = String.valueOf(value);
            if (!selected) {
                setForeground(Ui.color(code.startsWith("2") ? "CodexManager.good" : code.startsWith("4")
                        ? "CodexManager.warn" : code.startsWith("5") ? "CodexManager.bad" : "Label.foreground"));
            }
            Ui.styled(this, "semibold");
            return this;
        }
    }

    private void firstPage() {
        page = 1;
        reload();
    }

    @Override
    protected void reload() {
        Duration span = RANGES[Math.max(0, range.getSelectedIndex())];
        Instant now = Clock.systemUTC().instant();
        LogsApi.Query query = new LogsApi.Query(search.getText().trim(), statusFilter,
                span == null ? null : now.minus(span), null, page, PAGE_SIZE);
        reloads.deliver(api.list(query), result -> {
            Map<String, String> names = new HashMap<>();
            ctx.pool().current().accounts().forEach(a -> names.put(a.id(), a.displayName()));
            model.setRows(result.items().stream().map(r -> r.withAccountNames(names)).toList());
            pages = result.pages();
            pageLabel.setText(ctx.text("logs.pageOf", result.page(), pages, result.total()));
            previous.setEnabled(page > 1);
            next.setEnabled(page < pages);
        }, error -> pageLabel.setText(ErrorText.of(ctx.messages(), error)));
    }

    private void showDetail(LogRow row) {
        new LogDetailDialog(ctx, row).open(javax.swing.SwingUtilities.getWindowAncestor(this));
    }
}
