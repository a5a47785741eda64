package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.LogRow;
import com.codexmanager.desktop.model.LogsApi;
import com.codexmanager.desktop.model.TraceEventRow;
import com.codexmanager.desktop.panel.ErrorText;
import com.codexmanager.desktop.ui.Ui;
import com.google.gson.GsonBuilder;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.table.AbstractTableModel;

/**
 * One request in detail: its trace events (time, event, fields) from {@code requestlog/trace}, loaded off the EDT,
 * and the stored row's fields. The events tab says when the trace is gone or could not be read. EDT only.
 */
public final class LogDetailDialog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final DesktopContext ctx;
    private final LogRow row;
    private final LogsApi api;
    private final EventsModel events = new EventsModel();

    public LogDetailDialog(DesktopContext ctx, LogRow row) {
        this.ctx = ctx;
        this.row = row;
        this.api = new LogsApi(ctx.rpc());
    }

    public JDialog open(Window owner) {
        JDialog dialog = new JDialog(owner, ctx.text("logs.detailTitle", row.traceId()),
                java.awt.Dialog.ModalityType.MODELESS);
        dialog.setName("logDetailDialog");
        JTable table = new JTable(events) {
            @Override
            public String getToolTipText(java.awt.event.MouseEvent e) {
                int r = rowAtPoint(e.getPoint());
                return r < 0 ? null : events.fieldsTooltip(convertRowIndexToModel(r));
            }
        };
        table.setToolTipText("");
        table.setName("logs-detail-events");
        table.setFillsViewportHeight(true);
        table.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        table.getColumnModel().getColumn(0).setPreferredWidth(Ui.scale(120));
        table.getColumnModel().getColumn(0).setMaxWidth(Ui.scale(150));
        table.getColumnModel().getColumn(1).setPreferredWidth(Ui.scale(170));
        table.getColumnModel().getColumn(1).setMaxWidth(Ui.scale(240));
        table.getColumnModel().getColumn(2).setPreferredWidth(Ui.scale(520));
        JLabel status = Ui.hint(ctx.text("logs.traceLoading"));
        status.setName("logs-detail-status");
        JPanel eventsTab = new JPanel(new BorderLayout(0, Ui.scale(6)));
        eventsTab.setBorder(Ui.pad(8, 0, 0, 0));
        eventsTab.add(new JScrollPane(table), BorderLayout.CENTER);
        eventsTab.add(status, BorderLayout.SOUTH);

        JTextArea raw = new JTextArea(new GsonBuilder().setPrettyPrinting().create().toJson(row.raw()), 16, 60);
        raw.setName("logs-detail");
        raw.setEditable(false);
        raw.setFont(new Font(Font.MONOSPACED, Font.PLAIN, raw.getFont().getSize()));
        JTabbedPane tabs = new JTabbedPane();
        tabs.setName("logs-detail-tabs");
        tabs.addTab(ctx.text("logs.traceTab"), eventsTab);
        tabs.addTab(ctx.text("logs.fieldsTab"), new JScrollPane(raw));

        JButton close = new JButton(ctx.text("common.close"));
        close.setName("logs-detail-close");
        close.addActionListener(e -> dialog.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.setBorder(Ui.pad(0, 12, 10, 12));
        buttons.add(close);
        JPanel root = new JPanel(new BorderLayout());
        JPanel body = new JPanel(new BorderLayout(0, Ui.scale(8)));
        body.setBorder(Ui.pad(16, 20, 8, 20));
        JLabel heading = Ui.label(ctx.text("logs.detailHeading", row.method(), row.path(),
                String.valueOf(row.statusCode()), transportText()), "h3");
        heading.setName("logs-detail-heading");
        body.add(heading, BorderLayout.NORTH);
        body.add(tabs, BorderLayout.CENTER);
        root.add(body, BorderLayout.CENTER);
        root.add(buttons, BorderLayout.SOUTH);
        root.setPreferredSize(new Dimension(Ui.scale(860), Ui.scale(480)));
        dialog.setContentPane(root);
        dialog.getRootPane().setDefaultButton(close);
        dialog.pack();
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);

        ctx.jobs().deliver(api.trace(row.traceId()), list -> {
            events.set(list);
            status.setText(list.isEmpty() ? ctx.text("logs.traceEmpty") : ctx.text("logs.traceCount", list.size()));
        }, error -> status.setText(ctx.text("logs.traceFailed", ErrorText.of(ctx.messages(), error))));
        return dialog;
    }

    private String transportText() {
        return LogRow.WEBSOCKET.equals(row.transport()) ? ctx.text("logs.transport.websocket")
                : ctx.text("logs.transport.http");
    }

    /** Time (local, milliseconds), event, fields. EDT only. */
    private final class EventsModel extends AbstractTableModel {
        private List<TraceEventRow> rows = List.of();

        void set(List<TraceEventRow> next) {
            rows = List.copyOf(next);
            fireTableDataChanged();
        }

        /** Every field on its own line, for values too long for the column; null when there are none. */
        String fieldsTooltip(int r) {
            var fields = rows.get(r).fields();
            if (fields.isEmpty()) {
                return null;
            }
            StringBuilder html = new StringBuilder("<html>");
            fields.forEach((k, v) -> html.append("<b>").append(escape(k)).append("</b> ").append(escape(v))
                    .append("<br>"));
            return html.append("</html>").toString();
        }

        private static String escape(String text) {
            String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
            return shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return 3;
        }

        @Override
        public String getColumnName(int column) {
            return ctx.text(switch (column) {
                case 0 -> "logs.traceCol.time";
                case 1 -> "logs.traceCol.event";
                default -> "logs.traceCol.fields";
            });
        }

        @Override
        public Object getValueAt(int r, int column) {
            TraceEventRow event = rows.get(r);
            return switch (column) {
                case 0 -> TIME.format(event.at().atZone(ZoneId.systemDefault()));
                case 1 -> event.event();
                default -> event.fieldsText();
            };
        }
    }
}
