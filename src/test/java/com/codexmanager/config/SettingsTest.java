package com.codexmanager.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    @Test
    void empty_environment_gives_the_documented_defaults() {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertThat(settings.text(Setting.SERVICE_ADDR)).isEqualTo("localhost:48760");
        assertThat(settings.text(Setting.ISSUER)).isEqualTo("https://auth.openai.com");
        assertThat(settings.text(Setting.CLIENT_ID)).isEqualTo("app_EMoamEEZ73f0CkXaXp7hrann");
        assertThat(settings.text(Setting.UPSTREAM_BASE_URL)).isEqualTo("https://chatgpt.com/backend-api/codex");
        assertThat(settings.number(Setting.USAGE_POLL_INTERVAL_SECS)).isEqualTo(600);
        assertThat(settings.number(Setting.FRONT_PROXY_MAX_BODY_BYTES)).isEqualTo(16_777_216);
        assertThat(settings.text(Setting.ROUTE_STRATEGY)).isEqualTo("ordered");
        assertThat(settings.enabled(Setting.NO_SERVICE)).isFalse();
        assertThat(settings.enabled(Setting.ALLOW_NON_LOOPBACK_LOGIN_ADDR)).isFalse();
        assertThat(settings.isSet(Setting.UPSTREAM_FALLBACK_BASE_URL)).isFalse();
        assertThat(settings.warnings()).isEmpty();
        assertThat(settings.source(Setting.SERVICE_ADDR)).isEqualTo(SettingSource.DEFAULT);
    }

    @Test
    void every_seed_variable_is_in_the_table_or_retired_with_what_replaces_it() {
        for (String name : new String[] {"SERVICE_ADDR", "DB_PATH", "RPC_TOKEN", "NO_SERVICE", "ISSUER", "CLIENT_ID",
                "ORIGINATOR", "REDIRECT_URI", "LOGIN_ADDR", "ALLOW_NON_LOOPBACK_LOGIN_ADDR", "USAGE_BASE_URL",
                "DISABLE_POLLING", "USAGE_POLL_INTERVAL_SECS", "GATEWAY_KEEPALIVE_INTERVAL_SECS", "UPSTREAM_BASE_URL",
                "UPSTREAM_FALLBACK_BASE_URL", "UPSTREAM_COOKIE", "ROUTE_STRATEGY", "UPSTREAM_CONNECT_TIMEOUT_SECS",
                "REQUEST_GATE_WAIT_TIMEOUT_MS", "ACCOUNT_MAX_INFLIGHT", "TRACE_BODY_PREVIEW_MAX_BYTES",
                "FRONT_PROXY_MAX_BODY_BYTES", "HTTP_WORKER_FACTOR", "HTTP_WORKER_MIN", "HTTP_QUEUE_FACTOR",
                "HTTP_QUEUE_MIN"}) {
            String env = "CODEXMANAGER_" + name;
            assertThat(Setting.find(env).isPresent() || RetiredSettings.replacement(env).isPresent()).as(name).isTrue();
        }
    }

    @Test
    void a_retired_seed_variable_gets_one_warning_naming_it_and_what_replaces_it() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_HTTP_WORKER_MIN", "64"));

        assertThat(settings.warnings()).singleElement().asString().contains("CODEXMANAGER_HTTP_WORKER_MIN")
                .contains("no longer has an effect").contains("CODEXMANAGER_GATEWAY_MAX_INFLIGHT");
        assertThat(settings.startErrors()).isEmpty();
    }

    @Test
    void value_below_minimum_falls_back_with_one_warning_naming_the_variable() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_USAGE_POLL_INTERVAL_SECS", "5"));

        assertThat(settings.number(Setting.USAGE_POLL_INTERVAL_SECS)).isEqualTo(600);
        assertThat(settings.warnings()).singleElement().asString()
                .contains("CODEXMANAGER_USAGE_POLL_INTERVAL_SECS").contains("minimum 30").contains("600");
    }

    @Test
    void non_numeric_value_falls_back_with_a_warning() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_ACCOUNT_MAX_INFLIGHT", "lots"));

        assertThat(settings.number(Setting.ACCOUNT_MAX_INFLIGHT)).isZero();
        assertThat(settings.warnings()).singleElement().asString().contains("CODEXMANAGER_ACCOUNT_MAX_INFLIGHT");
    }

    @Test
    void secret_values_are_not_echoed_in_warnings() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_LOGIN_ADDR", "nonsense"));

        assertThat(settings.text(Setting.LOGIN_ADDR)).isEqualTo("localhost:1455");
        assertThat(settings.warnings()).singleElement().asString().contains("CODEXMANAGER_LOGIN_ADDR");
        assertThat(Settings.fromEnvironment(Map.of("CODEXMANAGER_RPC_TOKEN", "abcd")).toString())
                .doesNotContain("abcd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "true", "yes", "anything"})
    void presence_flags_are_on_when_present_even_empty(String value) {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_DISABLE_POLLING", value,
                "CODEXMANAGER_NO_SERVICE", value));

        assertThat(settings.enabled(Setting.DISABLE_POLLING)).isTrue();
        assertThat(settings.enabled(Setting.NO_SERVICE)).isTrue();
    }

    @Test
    void presence_flag_explicitly_zero_is_off() {
        assertThat(Settings.fromEnvironment(Map.of("CODEXMANAGER_DISABLE_POLLING", "0"))
                .enabled(Setting.DISABLE_POLLING)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "YES", "on"})
    void booleans_accept_the_usual_true_words(String value) {
        assertThat(Settings.fromEnvironment(Map.of("CODEXMANAGER_ALLOW_NON_LOOPBACK_LOGIN_ADDR", value))
                .enabled(Setting.ALLOW_NON_LOOPBACK_LOGIN_ADDR)).isTrue();
    }

    @Test
    void invalid_boolean_falls_back_with_a_warning() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_ALLOW_NON_LOOPBACK_LOGIN_ADDR", "maybe"));

        assertThat(settings.enabled(Setting.ALLOW_NON_LOOPBACK_LOGIN_ADDR)).isFalse();
        assertThat(settings.warnings()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"balanced", "round_robin", "rr", "RR", "Balanced"})
    void route_strategy_aliases_map_to_balanced(String value) {
        assertThat(Settings.fromEnvironment(Map.of("CODEXMANAGER_ROUTE_STRATEGY", value))
                .text(Setting.ROUTE_STRATEGY)).isEqualTo("balanced");
    }

    @Test
    void unknown_route_strategy_falls_back_to_ordered() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_ROUTE_STRATEGY", "random"));

        assertThat(settings.text(Setting.ROUTE_STRATEGY)).isEqualTo("ordered");
        assertThat(settings.warnings()).singleElement().asString().contains("ordered, balanced");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://chatgpt.com", "https://chatgpt.com/", "https://chat.openai.com",
            "https://chatgpt.com/backend-api"})
    void bare_chatgpt_upstreams_are_normalised(String value) {
        String normalised = Settings.fromEnvironment(Map.of("CODEXMANAGER_UPSTREAM_BASE_URL", value))
                .text(Setting.UPSTREAM_BASE_URL);

        assertThat(normalised).endsWith("/backend-api/codex").doesNotEndWith("/");
    }

    @Test
    void custom_upstream_keeps_its_path() {
        assertThat(Settings.fromEnvironment(Map.of("CODEXMANAGER_UPSTREAM_BASE_URL", "http://127.0.0.1:9/x/"))
                .text(Setting.UPSTREAM_BASE_URL)).isEqualTo("http://127.0.0.1:9/x");
    }

    @Test
    void usage_base_drops_a_backend_api_suffix() {
        assertThat(Settings.fromEnvironment(Map.of("CODEXMANAGER_USAGE_BASE_URL", "https://chatgpt.com/backend-api/"))
                .text(Setting.USAGE_BASE_URL)).isEqualTo("https://chatgpt.com");
    }

    @Test
    void non_http_url_falls_back() {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_ISSUER", "ftp://x"));

        assertThat(settings.text(Setting.ISSUER)).isEqualTo("https://auth.openai.com");
        assertThat(settings.warnings()).singleElement().asString().contains("CODEXMANAGER_ISSUER");
    }

    @Test
    void environment_wins_over_stored_values_and_stored_over_defaults() {
        Settings settings = Settings.of(Map.of("CODEXMANAGER_ROUTE_STRATEGY", "balanced"),
                Map.of(Setting.ROUTE_STRATEGY, "ordered", Setting.USAGE_POLL_INTERVAL_SECS, "120"));

        assertThat(settings.text(Setting.ROUTE_STRATEGY)).isEqualTo("balanced");
        assertThat(settings.source(Setting.ROUTE_STRATEGY)).isEqualTo(SettingSource.ENVIRONMENT);
        assertThat(settings.number(Setting.USAGE_POLL_INTERVAL_SECS)).isEqualTo(120);
        assertThat(settings.source(Setting.USAGE_POLL_INTERVAL_SECS)).isEqualTo(SettingSource.STORED);
    }

    @Test
    void stored_values_never_change_locked_settings() {
        Settings settings = Settings.of(Map.of(), Map.of(Setting.DB_PATH, "/tmp/evil.db"));

        assertThat(settings.isSet(Setting.DB_PATH)).isFalse();
    }

    @Test
    void addresses_parse_ipv4_ipv6_and_bare_ports() {
        assertThat(HostPort.parse("0.0.0.0:48760")).contains(new HostPort("0.0.0.0", 48760));
        assertThat(HostPort.parse("[::1]:9")).contains(new HostPort("::1", 9));
        assertThat(HostPort.parse(":8080")).contains(new HostPort("localhost", 8080));
        assertThat(HostPort.parse("localhost")).isEmpty();
        assertThat(HostPort.parse("host:99999")).isEmpty();
        assertThat(new HostPort("::1", 9).toString()).isEqualTo("[::1]:9");
    }

    @Test
    void setting_keys_are_camel_case() {
        assertThat(Setting.ROUTE_STRATEGY.key()).isEqualTo("routeStrategy");
        assertThat(Setting.find("usagePollIntervalSecs")).contains(Setting.USAGE_POLL_INTERVAL_SECS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "notaport|'notaport' (from the environment) is not host:port",
            "localhost:99999|'localhost:99999' (from the environment) has port 99999, outside 0-65535",
            "localhost:http|has no port number after the last ':'"})
    void an_invalid_service_address_is_a_start_error_not_a_silent_fallback(String value, String expected) {
        Settings settings = Settings.fromEnvironment(Map.of("CODEXMANAGER_SERVICE_ADDR", value));

        assertThat(settings.warnings()).isEmpty();
        assertThat(settings.startErrors()).singleElement().asString().startsWith("CODEXMANAGER_SERVICE_ADDR=")
                .contains(expected);
        org.assertj.core.api.Assertions.assertThatThrownBy(settings::requireStartable)
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(value);
    }

    @Test
    void a_start_error_names_the_env_file_it_came_from() {
        EnvFileReport file = new EnvFileReport(java.nio.file.Path.of("/opt/cm/codexmanager.env"), null,
                Map.of("CODEXMANAGER_SERVICE_ADDR", "notaport"), java.util.List.of(), java.util.List.of());

        Settings settings = Settings.of(Map.of("CODEXMANAGER_SERVICE_ADDR", "notaport"), file, Map.of());

        assertThat(settings.startErrors()).singleElement().asString()
                .contains("CODEXMANAGER_SERVICE_ADDR='notaport' (from /opt/cm/codexmanager.env)");
    }

    @Test
    void values_from_the_env_file_have_their_own_source() {
        EnvFileReport file = new EnvFileReport(java.nio.file.Path.of("/x/codexmanager.env"), null,
                Map.of("CODEXMANAGER_ROUTE_STRATEGY", "balanced"), java.util.List.of(), java.util.List.of());

        Settings settings = Settings.of(Map.of("CODEXMANAGER_ROUTE_STRATEGY", "balanced",
                "CODEXMANAGER_USAGE_POLL_INTERVAL_SECS", "60"), file, Map.of());

        assertThat(settings.source(Setting.ROUTE_STRATEGY)).isEqualTo(SettingSource.ENV_FILE);
        assertThat(settings.source(Setting.USAGE_POLL_INTERVAL_SECS)).isEqualTo(SettingSource.ENVIRONMENT);
    }
}
