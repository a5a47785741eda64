package com.codexmanager.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.ServiceHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RedactionTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJl";
    private static final String REFRESH = "rt_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private static final String PLATFORM_KEY = "cmk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

    @TempDir
    Path dir;

    @Test
    void bearer_tokens_and_jwts_are_masked() {
        String out = Redactor.redact("Authorization: Bearer " + JWT + " and raw " + JWT);

        assertThat(out).doesNotContain(JWT).contains(Redactor.MASK);
    }

    @Test
    void token_fields_in_json_and_forms_are_masked() {
        String json = "{\"access_token\":\"abc123secret\",\"refresh_token\":\"" + REFRESH + "\",\"email\":\"a@b.c\"}";
        String form = "grant_type=refresh_token&refresh_token=" + REFRESH + "&client_id=app_x";

        assertThat(Redactor.redact(json)).doesNotContain("abc123secret").doesNotContain(REFRESH).contains("a@b.c");
        assertThat(Redactor.redact(form)).doesNotContain(REFRESH).contains("client_id=app_x");
    }

    @Test
    void oauth_codes_in_urls_and_forms_are_masked_but_trace_error_codes_are_not() {
        String url = "callback http://localhost:1455/auth/callback?code=ac_secret123&state=s1";
        String form = "grant_type=authorization_code&code=ac_secret456&redirect_uri=x";
        String trace = "ts=2026-05-01T10:00:00Z trace=trc_1 event=REQUEST_FINAL status=502 code=upstream_timeout";

        assertThat(Redactor.redact(url)).doesNotContain("ac_secret123").contains("state=s1");
        assertThat(Redactor.redact(form)).doesNotContain("ac_secret456");
        assertThat(Redactor.redact("code=ac_first")).doesNotContain("ac_first");
        assertThat(Redactor.redact(trace)).isEqualTo(trace);
    }

    @Test
    void platform_keys_and_hex_tokens_are_masked() {
        String hex = "a".repeat(64);

        assertThat(Redactor.redact("key " + PLATFORM_KEY + " token " + hex)).doesNotContain(PLATFORM_KEY)
                .doesNotContain(hex);
    }

    @Test
    void passwords_in_url_user_info_are_masked_even_with_slashes_or_at_signs() {
        assertThat(Redactor.redact("proxy http://bob:pa/ss@proxy.lan:3128 failed"))
                .isEqualTo("proxy http://bob:" + Redactor.MASK + "@proxy.lan:3128 failed");
        assertThat(Redactor.redact("socks5h://u:p@ss@proxy:1080")).doesNotContain("p@ss").contains("u:");
        assertThat(Redactor.redact("see https://chatgpt.com/backend-api/codex")).isEqualTo(
                "see https://chatgpt.com/backend-api/codex");
    }

    /** The cheap pre-checks that skip a rule never skip one that would have matched. */
    @Test
    void skipping_rules_by_their_pre_checks_changes_no_output() {
        List<String> pieces = List.of("Bearer ", "bAsIc ", "Authorization: ", "authorization=", "X-Api-Key: ",
                "API-KEY=", "api_key=", "apikey=", "x-codexmanager-rpc-token: ", "Cookie: ", "cookie=", "token=",
                "ACCESS_TOKEN=", "refresh_token=", "code_verifier=", "?code=", "&CODE=", "code=", " code=",
                "\"access_token\": \"", "\"Key\":\"", "\"password\" : \"", "\"", "sk-", "sk_", "cmk_", "cmk-",
                "eyJ", "eyJhbGciOiJ9.", "abcdEFGH1234.", "http://", "socks5h://u:", "@", ":", "=", "&", "?", " ", "\n",
                "0123456789abcdef", "ABCDEF0123456789", "secret-value_42", "plain", "trace=trc_1", "status=200", "İ",
                "\u212A", "/", "%", "rt_9f8e7d6c5b4a39281706f5e4d3c2b1a0", JWT, PLATFORM_KEY, "a".repeat(64));
        Random random = new Random(20261205);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int count = 1 + random.nextInt(12);
            for (int p = 0; p < count; p++) {
                text.append(pieces.get(random.nextInt(pieces.size())));
            }
            String input = text.toString();
            assertThat(Redactor.redact(input)).as(input).isEqualTo(Redactor.redactEveryRule(input));
        }
    }

    @Test
    void registered_secrets_are_masked_exactly() {
        assertThat(Redactor.redact("cookie value is plainword42", java.util.List.of("plainword42")))
                .doesNotContain("plainword42");
    }

    @Test
    void the_log_file_never_contains_secrets_logged_by_mistake() throws Exception {
        String customToken = "my-team-rpc-token";
        try (ServiceHarness harness = ServiceHarness.start(dir,
                java.util.Map.of("CODEXMANAGER_RPC_TOKEN", customToken))) {
            Logger log = LoggerFactory.getLogger("redaction-test");
            log.warn("refresh failed for {} with body {\"refresh_token\":\"{}\"}", JWT, REFRESH);
            log.error("key {} rpc {}", PLATFORM_KEY, customToken, new IllegalStateException("Bearer " + JWT));
        }

        String logs = Files.readString(dir.resolve("logs").resolve("codexmanager.log"));
        assertThat(logs).contains("refresh failed for").contains(Redactor.MASK)
                .doesNotContain(JWT).doesNotContain(REFRESH).doesNotContain(PLATFORM_KEY).doesNotContain(customToken);
    }
}
