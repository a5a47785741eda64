package com.codexmanager.desktop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pool-order rules behind the reorder buttons and drag and drop. */
class AccountOrderTest {
    private static final List<String> POOL = List.of("a", "b", "c", "d", "e");

    @Test
    void a_row_dragged_down_lands_right_before_the_row_under_the_drop_line() {
        List<String> order = AccountOrder.drop(POOL, POOL, List.of("b"), 4);

        assertThat(order).containsExactly("a", "c", "d", "b", "e");
    }

    @Test
    void a_row_dragged_up_lands_right_before_the_row_under_the_drop_line() {
        List<String> order = AccountOrder.drop(POOL, POOL, List.of("d"), 1);

        assertThat(order).containsExactly("a", "d", "b", "c", "e");
    }

    @Test
    void a_row_dragged_to_the_top_becomes_first() {
        assertThat(AccountOrder.drop(POOL, POOL, List.of("e"), 0)).containsExactly("e", "a", "b", "c", "d");
    }

    @Test
    void a_row_dropped_after_the_last_row_goes_to_the_end() {
        assertThat(AccountOrder.drop(POOL, POOL, List.of("a"), 5)).containsExactly("b", "c", "d", "e", "a");
    }

    @Test
    void several_rows_move_together_in_their_pool_order_whatever_the_selection_order() {
        List<String> order = AccountOrder.drop(POOL, POOL, List.of("e", "b"), 1);

        assertThat(order).containsExactly("a", "b", "e", "c", "d");
    }

    @Test
    void scattered_rows_dropped_between_two_of_them_close_up_around_the_line() {
        List<String> order = AccountOrder.drop(POOL, POOL, List.of("a", "c", "e"), 2);

        assertThat(order).containsExactly("b", "a", "c", "e", "d");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void a_block_dropped_on_or_inside_its_own_place_changes_nothing(int dropIndex) {
        List<String> order = AccountOrder.drop(POOL, POOL, List.of("b", "c"), dropIndex);

        assertThat(order).isEqualTo(POOL);
    }

    @Test
    void in_a_filtered_view_rows_land_right_before_the_visible_row_in_the_full_order() {
        List<String> visible = List.of("a", "c", "e");

        List<String> order = AccountOrder.drop(POOL, visible, List.of("e"), 1);

        assertThat(order).as("hidden b stays between a and the moved e").containsExactly("a", "b", "e", "c", "d");
    }

    @Test
    void in_a_filtered_view_a_drop_after_the_last_visible_row_lands_right_after_it() {
        List<String> visible = List.of("a", "b", "d");

        List<String> order = AccountOrder.drop(POOL, visible, List.of("a"), 3);

        assertThat(order).as("hidden e stays last").containsExactly("b", "c", "d", "a", "e");
    }

    @Test
    void in_a_filtered_view_a_row_dropped_on_its_own_place_does_not_jump_over_hidden_rows() {
        List<String> visible = List.of("a", "c");

        assertThat(AccountOrder.drop(POOL, visible, List.of("c"), 1)).isEqualTo(POOL);
        assertThat(AccountOrder.drop(POOL, visible, List.of("c"), 2)).isEqualTo(POOL);
    }

    @Test
    void unknown_ids_are_ignored_and_nothing_to_move_changes_nothing() {
        assertThat(AccountOrder.drop(POOL, POOL, List.of("gone", "c"), 0)).containsExactly("c", "a", "b", "d", "e");
        assertThat(AccountOrder.drop(POOL, POOL, List.of("gone"), 0)).isEqualTo(POOL);
        assertThat(AccountOrder.drop(POOL, List.of(), List.of("a"), 0)).isEqualTo(POOL);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 6})
    void a_drop_line_outside_the_view_is_rejected(int dropIndex) {
        assertThatThrownBy(() -> AccountOrder.drop(POOL, POOL, List.of("a"), dropIndex))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(dropIndex));
    }

    @Test
    void move_swaps_with_a_neighbour_and_stops_at_the_ends() {
        List<AccountRow> rows = rows("a", "b", "c");

        assertThat(AccountOrder.move(rows, 2, -1)).containsExactly("a", "c", "b");
        assertThat(AccountOrder.move(rows, 0, 1)).containsExactly("b", "a", "c");
        assertThat(AccountOrder.move(rows, 0, -1)).containsExactly("a", "b", "c");
    }

    @Test
    void arrange_puts_rows_in_the_given_order_and_keeps_unlisted_rows_at_the_end() {
        List<AccountRow> rows = rows("a", "b", "c", "d");

        List<AccountRow> arranged = AccountOrder.arrange(rows, List.of("c", "gone", "a"));

        assertThat(arranged).extracting(AccountRow::id).containsExactly("c", "a", "b", "d");
    }

    private static List<AccountRow> rows(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> new AccountRow(id, "", id + "@example.com", "plus", "",
                List.of(), 0, "", "active", "", true, null, null, null, null, null, Availability.AVAILABLE)).toList();
    }
}
