package com.codexmanager.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AxisScaleTest {
    @ParameterizedTest(name = "{0} -> top {1}, step {2}")
    @CsvSource({
            "0, 0, 0",
            "1, 4, 1",
            "3, 4, 1",
            "5, 8, 2",
            "12, 20, 5",
            "40, 40, 10",
            "41, 80, 20",
            "87, 100, 25",
            "216, 400, 100",
            "999, 1000, 250",
            "1001, 2000, 500",
            "3500000, 4000000, 1000000"})
    void the_scale_is_the_smallest_round_one_holding_the_maximum(long dataMax, long top, long step) {
        AxisScale scale = AxisScale.covering(dataMax);

        assertThat(scale.max()).isEqualTo(top);
        assertThat(scale.step()).isEqualTo(step);
        assertThat(scale.max()).isGreaterThanOrEqualTo(dataMax);
        assertThat(scale.tick(AxisScale.TICKS)).isEqualTo(top);
    }

    @ParameterizedTest
    @CsvSource({"0, 0.0", "10, 0.5", "20, 1.0", "30, 1.0"})
    void fraction_places_a_value_between_bottom_and_top(long value, double fraction) {
        assertThat(AxisScale.covering(20).fraction(value)).isEqualTo(fraction);
    }
}
