package com.codexmanager.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.config.DataDir;
import com.codexmanager.store.Database;
import com.codexmanager.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * azure_openai keys against a real H2 file with a test {@link SecretSealer} (the service binds the real SecretBox
 * once it lands; until then the RPC path answers SECRET_UNAVAILABLE, see ApiKeyRpcTest).
 */
class AzureKeyServiceTest {
    private static final String AZURE_SECRET = "azure-key-0123456789abcdef";
    private static final URI ENDPOINT = URI.create("https://res.openai.azure.com/openai/deployments/gpt");

    @TempDir
    Path dir;

    private final TestSealer sealer = new TestSealer();
    private Database database;
    private KeyService keys;

    @BeforeEach
    void open() {
        DataDir dataDir = new DataDir(dir, dir.resolve("codexmanager.mv.db"));
        database = Database.open(dataDir);
        keys = new KeyService(new PlatformKeyRepository(database.sql()), sealer, () -> java.util.List.of(),
                new MutableClock(Instant.parse("2026-05-01T10:00:00Z")), new SecureRandom());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static KeySpec azure(String name) {
        return new KeySpec(name, ProtocolType.AZURE_OPENAI, null, null, List.of(), null, null, ENDPOINT);
    }

    private VerifiedKey verify(String key) {
        return ((KeyAuthResult.Accepted) keys.authenticate(key)).key();
    }

    @Test
    void the_azure_secret_is_stored_sealed_and_opened_on_demand() throws IOException {
        String key = keys.create(azure("az"), AZURE_SECRET).key();

        VerifiedKey verified = verify(key);
        database.close();
        String file = new String(Files.readAllBytes(dir.resolve("codexmanager.mv.db")), StandardCharsets.ISO_8859_1);
        open();

        assertThat(file).doesNotContain(AZURE_SECRET).doesNotContain(key);
        assertThat(verified.upstreamBaseUrl()).isEqualTo(ENDPOINT);
        assertThat(keys.azureApiKey(verified)).isEqualTo(AZURE_SECRET);
        assertThat(keys.list().get(0).hasAzureApiKey()).isTrue();
        assertThat(keys.list().toString()).doesNotContain(AZURE_SECRET);
    }

    @Test
    void an_update_keeps_or_replaces_the_secret_and_switching_protocol_drops_it() {
        String key = keys.create(azure("az"), AZURE_SECRET).key();
        String id = verify(key).id();

        keys.update(id, s -> new KeySpec("renamed", s.protocolType(), null, null, List.of(), null, null,
                s.upstreamBaseUrl()), null);
        assertThat(keys.azureApiKey(verify(key))).isEqualTo(AZURE_SECRET);
        keys.update(id, s -> s, "azure-key-rotated-000");
        assertThat(keys.azureApiKey(verify(key))).isEqualTo("azure-key-rotated-000");
        keys.update(id, s -> new KeySpec(s.name(), ProtocolType.OPENAI, null, null, List.of(), null, null, null),
                null);

        assertThat(keys.list().get(0).hasAzureApiKey()).isFalse();
        assertThatThrownBy(() -> keys.azureApiKey(verify(key))).isInstanceOf(ApiKeyException.class);
    }

    @Test
    void a_secret_that_cannot_be_opened_is_a_typed_failure_without_the_secret() {
        String key = keys.create(azure("az"), AZURE_SECRET).key();
        sealer.breakIt();

        assertThatThrownBy(() -> keys.azureApiKey(verify(key))).isInstanceOfSatisfying(ApiKeyException.class, e -> {
            assertThat(e.kind()).isEqualTo(ApiKeyException.Kind.SECRET_UNAVAILABLE);
            assertThat(e.getMessage()).doesNotContain(AZURE_SECRET);
        });
    }
}
