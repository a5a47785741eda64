package com.codexmanager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.upstream.UpstreamProxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyUrlTest {
    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:7890, http://127.0.0.1:7890, HTTP",
            "HTTP://Proxy.Example:3128/, http://Proxy.Example:3128, HTTP",
            "https://proxy.example, https://proxy.example:443, HTTPS",
            "socks5://10.0.0.1:1080, socks5://10.0.0.1:1080, SOCKS5",
            "socks5h://proxy.example:1081, socks5h://proxy.example:1081, SOCKS5H",
            "socks://proxy.example, socks5h://proxy.example:1080, SOCKS5H",
            "http://[::1]:8080, http://[::1]:8080, HTTP",
            "http://us%40er:p%3Ass@proxy.example:8080, http://us%40er:p%3Ass@proxy.example:8080, HTTP",
            "socks5://pool:p%3Ass@10.0.0.1:1080, socks5://pool:p%3Ass@10.0.0.1:1080, SOCKS5",
            "socks5h://pool:pw@proxy.example:1081, socks5h://pool:pw@proxy.example:1081, SOCKS5H"})
    void accepted_forms_have_one_canonical_text(String input, String canonical, ProxyUrl.Kind kind) {
        ProxyUrl url = ProxyUrl.parse(input).orElseThrow();

        assertThat(url.canonical()).isEqualTo(canonical);
        assertThat(url.kind()).isEqualTo(kind);
    }

    @Test
    void user_info_is_decoded_and_masked_when_shown() {
        ProxyUrl url = ProxyUrl.parse("http://us%40er:p%3Ass+w@proxy.example:8080").orElseThrow();

        assertThat(url.username()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p:ss+w");
        assertThat(url).hasToString("http://us%40er:***@proxy.example:8080");
        assertThat(url.passwordForms()).containsExactly("p:ss+w", "p%3Ass+w");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://proxy:21", "proxy.example:8080", "http://", "http://proxy:0",
            "http://proxy:8080/path", "http://proxy:8080?q=1", "https://u:secretpw@proxy:443", "http://:pw@proxy:1"})
    void bad_urls_are_refused_without_echoing_a_password(String input) {
        assertThatThrownBy(() -> ProxyUrl.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("secretpw");
    }

    @Test
    void a_socks_user_name_or_password_longer_than_socks5_can_carry_is_refused() {
        String longSecret = "secretpw".repeat(32);

        assertThatThrownBy(() -> ProxyUrl.parse("socks5h://u:" + longSecret + "@proxy:1080"))
                .isInstanceOf(IllegalArgumentException.class).message().contains("255 bytes")
                .doesNotContain("secretpw");
        assertThat(ProxyUrl.parse("http://u:" + longSecret + "@proxy:1080")).isPresent();
    }

    @Test
    void blank_means_direct() {
        assertThat(ProxyUrl.parse("  ")).isEmpty();
    }

    @Test
    void masked_hides_passwords_even_in_text_that_does_not_parse() {
        assertThat(ProxyUrl.masked("socks5://u:secretpw@proxy:1080")).isEqualTo("socks5://u:***@proxy:1080");
        assertThat(ProxyUrl.masked("http://proxy:8080")).isEqualTo("http://proxy:8080");
        assertThat(ProxyUrl.masked("http://bob:pa/ss@proxy:3128")).isEqualTo("http://bob:***@proxy:3128");
        assertThat(ProxyUrl.masked("http://bob:p@ss@proxy:3128 and http://x:y@other:1"))
                .isEqualTo("http://bob:***@proxy:3128 and http://x:***@other:1");
    }

    @Test
    void settings_warnings_and_to_string_never_show_the_proxy_password() {
        Settings bad = Settings.fromEnvironment(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL",
                "https://u:secretpw@proxy:1080"));
        Settings good = Settings.fromEnvironment(Map.of("CODEXMANAGER_UPSTREAM_PROXY_URL",
                "http://u:secretpw@proxy:1080"));

        assertThat(bad.warnings()).singleElement().asString().contains("CODEXMANAGER_UPSTREAM_PROXY_URL")
                .doesNotContain("secretpw");
        assertThat(bad.upstreamProxy()).isEmpty();
        assertThat(good.toString()).contains("http://u:***@proxy:1080").doesNotContain("secretpw");
        assertThat(good.shown(Setting.UPSTREAM_PROXY_URL)).isEqualTo("http://u:***@proxy:1080");
        assertThat(good.upstreamProxy().orElseThrow().password()).isEqualTo("secretpw");
    }

    @ParameterizedTest
    @CsvSource({"localhost, true", "LOCALHOST, true", "127.0.0.1, true", "127.8.9.10, true", "::1, true",
            "[::1], true", "chatgpt.com, false", "10.0.0.1, false", "localhost.example, false"})
    void loopback_targets_bypass_the_proxy(String host, boolean bypassed) {
        assertThat(UpstreamProxy.bypasses(host)).isEqualTo(bypassed);
    }
}
