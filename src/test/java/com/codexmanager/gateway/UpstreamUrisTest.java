package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamUrisTest {
    private final UpstreamUris uris = new UpstreamUris();

    @Test
    void joins_and_parses_once_per_distinct_uri() {
        URI first = uris.of("https://chatgpt.com/backend-api/codex", "/responses");

        assertThat(first).isEqualTo(URI.create("https://chatgpt.com/backend-api/codex/responses"));
        assertThat(uris.of("https://chatgpt.com/backend-api/codex", "/responses")).isSameAs(first);
        assertThat(uris.of("https://chatgpt.com/backend-api/codex", "/responses/compact"))
                .isEqualTo(URI.create("https://chatgpt.com/backend-api/codex/responses/compact"));
    }

    @Test
    void stays_bounded_and_correct_when_the_base_url_changes_often() {
        for (int i = 0; i < UpstreamUris.MAX_ENTRIES * 3; i++) {
            assertThat(uris.of("http://127.0.0.1:" + (10_000 + i), "/responses"))
                    .isEqualTo(URI.create("http://127.0.0.1:" + (10_000 + i) + "/responses"));
        }
    }

    @Test
    void a_malformed_uri_fails_as_uri_create_does() {
        assertThatThrownBy(() -> uris.of("http://bad host", "/responses")).isInstanceOf(IllegalArgumentException.class);
    }
}
