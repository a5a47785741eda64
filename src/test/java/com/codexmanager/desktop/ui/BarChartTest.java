package com.codexmanager.desktop.ui;

import static com.codexmanager.desktop.GuiTestSupport.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.desktop.GuiTestSupport;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {
    private static List<BarChart.Point> day() {
        List<BarChart.Point> points = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            points.add(new BarChart.Point(String.format("%02d", hour), String.format("11-26 %02d:00 – %02d:00", hour,
                    (hour + 1) % 24), hour == 15 ? 12 : 0, hour == 15 ? 21_600 : 0));
        }
        return points;
    }

    private static String tooltipAt(BarChart chart, int x) {
        return chart.getToolTipText(new MouseEvent(chart, MouseEvent.MOUSE_MOVED, 0, 0, x, 100, 0, false));
    }

    @Test
    void hovering_a_bucket_names_its_hour_and_both_values() {
        GuiTestSupport.assumeDisplay();
        String tip = onEdt(() -> {
            BarChart chart = new BarChart();
            chart.setLegend("Requests", "Tokens");
            chart.setSize(720, 240);
            chart.show(day(), "No requests");
            BufferedImage image = new BufferedImage(720, 240, BufferedImage.TYPE_INT_ARGB);
            chart.paint(image.getGraphics());
            int slotOf15 = -1;
            for (int x = 0; x < 720 && slotOf15 < 0; x++) {
                if (chart.bucketAt(x) == 15) {
                    slotOf15 = x;
                }
            }
            return tooltipAt(chart, slotOf15 + 2);
        });

        assertThat(tip).contains("11-26 15:00 – 16:00", "Requests: 12", "Tokens: 21.6k");
    }

    @Test
    void an_empty_chart_has_no_tooltips() {
        GuiTestSupport.assumeDisplay();
        String tip = onEdt(() -> {
            BarChart chart = new BarChart();
            chart.setSize(720, 240);
            chart.show(List.of(), "No requests");
            chart.paint(new BufferedImage(720, 240, BufferedImage.TYPE_INT_ARGB).getGraphics());
            return tooltipAt(chart, 360);
        });

        assertThat(tip).isNull();
    }
}
