package com.codexmanager.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void sealed_text_opens_with_the_same_key_and_context_and_hides_the_plaintext() {
        SecretBox box = new SecretBox(MasterKey.loadOrCreate(dir.resolve("k"), random, Clock.systemUTC()), random);

        String sealed = box.seal("rt_secret-refresh-token", "acc_1/refresh_token");

        assertThat(sealed).startsWith("v1:").doesNotContain("secret-refresh-token");
        assertThat(box.open(sealed, "acc_1/refresh_token")).isEqualTo("rt_secret-refresh-token");
        assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
    }

    @Test
    void a_ciphertext_moved_to_another_row_does_not_open() {
        SecretBox box = new SecretBox(MasterKey.of(new byte[32]), random);

        String sealed = box.seal("token", "acc_1/access_token");

        assertThatThrownBy(() -> box.open(sealed, "acc_2/access_token"))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("integrity");
    }

    @Test
    void a_replaced_key_gives_a_clear_error_naming_the_remedy() {
        SecretBox old = new SecretBox(MasterKey.of(new byte[32]), random);
        byte[] other = new byte[32];
        other[0] = 1;
        SecretBox replaced = new SecretBox(MasterKey.of(other), random);

        String sealed = old.seal("token", "c");

        assertThatThrownBy(() -> replaced.open(sealed, "c")).isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("another master key").hasMessageContaining("log in");
    }

    @Test
    void damaged_ciphertext_is_reported_not_thrown_as_a_crash() {
        SecretBox box = new SecretBox(MasterKey.of(new byte[32]), random);
        String sealed = box.seal("token", "c");
        String damaged = sealed.substring(0, sealed.length() - 3) + (sealed.endsWith("A") ? "BBB" : "AAA");

        assertThatThrownBy(() -> box.open(damaged, "c")).isInstanceOf(SecretUnavailableException.class);
        assertThatThrownBy(() -> box.open("garbage", "c")).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void the_key_file_is_owner_only_and_reloads_to_the_same_key() throws Exception {
        Path file = dir.resolve("codexmanager.key");

        MasterKey first = MasterKey.loadOrCreate(file, random, Clock.systemUTC());
        MasterKey again = MasterKey.loadOrCreate(file, random, Clock.systemUTC());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_corrupt_key_file_is_moved_aside_and_replaced() throws Exception {
        Path file = dir.resolve("codexmanager.key");
        Files.writeString(file, "not a key");

        MasterKey key = MasterKey.loadOrCreate(file, random, Clock.systemUTC());

        assertThat(key.id()).hasSize(8);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("codexmanager.key.corrupt-"));
        }
        assertThat(MasterKey.loadOrCreate(file, random, Clock.systemUTC()).id()).isEqualTo(key.id());
    }
}
