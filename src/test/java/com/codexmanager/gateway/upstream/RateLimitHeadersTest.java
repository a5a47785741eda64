package com.codexmanager.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-band events of an upstream WebSocket read as the {@code x-codex-*} headers of an HTTP reply
 * (codex-protocol.md §2.6, §2.7, §2.9), so that both transports feed the usage state the same way.
 */
class RateLimitHeadersTest {
    @Test
    void a_codex_rate_limits_event_reads_as_the_headers_of_an_http_reply() {
        var headers = RateLimitHeaders.ofEvent(Json.object("{\"type\":\"codex.rate_limits\",\"plan_type\":\"plus\","
                + "\"rate_limits\":{\"primary\":{\"used_percent\":12.5,\"window_minutes\":300,"
                + "\"reset_at\":1767243600},\"secondary\":{\"used_percent\":40,\"window_minutes\":10080,"
                + "\"reset_at\":1767600000}},\"credits\":{\"has_credits\":false,\"unlimited\":false,"
                + "\"balance\":\"0\"},\"metered_limit_name\":\"codex\"}"));

        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
                "x-codex-primary-used-percent", "12.5",
                "x-codex-primary-window-minutes", "300",
                "x-codex-primary-reset-at", "1767243600",
                "x-codex-secondary-used-percent", "40",
                "x-codex-secondary-window-minutes", "10080",
                "x-codex-secondary-reset-at", "1767600000",
                "x-codex-plan-type", "plus",
                "x-codex-credits-has-credits", "false",
                "x-codex-credits-unlimited", "false",
                "x-codex-credits-balance", "0"));
    }

    @Test
    void absent_windows_and_a_missing_family_leave_only_what_was_sent() {
        var headers = RateLimitHeaders.ofEvent(Json.object("{\"type\":\"codex.rate_limits\",\"plan_type\":\"free\","
                + "\"rate_limits\":{\"primary\":{\"used_percent\":3,\"window_minutes\":10080,\"reset_at\":null},"
                + "\"secondary\":null},\"credits\":null}"));

        assertThat(headers).containsOnlyKeys("x-codex-primary-used-percent", "x-codex-primary-window-minutes",
                "x-codex-plan-type");
    }

    @Test
    void another_metered_family_keeps_its_own_prefix_and_never_touches_the_codex_windows() {
        var headers = RateLimitHeaders.ofEvent(Json.object("{\"type\":\"codex.rate_limits\",\"plan_type\":\"pro\","
                + "\"rate_limits\":{\"primary\":{\"used_percent\":80,\"window_minutes\":300}},"
                + "\"credits\":{\"has_credits\":true,\"unlimited\":false},\"metered_limit_name\":\"codex_other\"}"));

        assertThat(headers).containsOnlyKeys("x-codex-other-primary-used-percent",
                "x-codex-other-primary-window-minutes", "x-codex-plan-type");
    }

    @Test
    void an_error_frame_gives_the_rate_limit_headers_it_carries() {
        var headers = RateLimitHeaders.ofEvent(Json.object("{\"type\":\"error\",\"status\":429,"
                + "\"error\":{\"type\":\"usage_limit_reached\"},\"headers\":{\"X-Codex-Primary-Used-Percent\":\"100\","
                + "\"x-codex-primary-window-minutes\":300,\"retry-after\":\"60\",\"x-codex-nested\":{}}}"));

        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
                "x-codex-primary-used-percent", "100", "x-codex-primary-window-minutes", "300"));
    }

    @Test
    void other_events_give_nothing() {
        assertThat(RateLimitHeaders.ofEvent(Json.object("{\"type\":\"response.created\",\"response\":{}}"))).isEmpty();
        assertThat(RateLimitHeaders.ofEvent(Json.object("{\"type\":\"error\",\"error\":{}}"))).isEmpty();
        assertThat(RateLimitHeaders.ofEvent(Json.object("{\"rate_limits\":{}}"))).isEmpty();
    }
}
