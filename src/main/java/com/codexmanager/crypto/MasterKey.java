package com.codexmanager.crypto;

import com.codexmanager.config.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit AES key that encrypts tokens at rest, kept in an owner-only file in the data dir
 * ({@code codexmanager.key}). The database never holds the key, so the database file alone reveals no token.
 *
 * <p>A missing file is created. An unreadable or malformed file is moved aside (never deleted: it might be
 * repairable) and replaced by a new key; secrets sealed under the old key then fail to open with
 * {@link SecretUnavailableException} and the affected accounts need a new login. Immutable and thread-safe.
 */
public final class MasterKey {
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final String HEADER = "codexmanager-master-key-v1";
    private static final int KEY_BYTES = 32;

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        this.key = key.clone();
        this.id = fingerprint(key);
    }

    /** Loads the key from {@code file}, creating (or, when malformed, replacing) it as described above. */
    public static MasterKey loadOrCreate(Path file, SecureRandom random, Clock clock) {
        if (Files.exists(file)) {
            byte[] parsed = parse(file);
            if (parsed != null) {
                DataDir.restrictToOwner(file);
                return new MasterKey(parsed);
            }
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.instant().getEpochSecond());
            moveAside(file, aside);
            log.warn("Master key file {} is malformed; moved it to {} and created a new key. Accounts whose tokens "
                    + "were encrypted with the old key must log in again.", file, aside.getFileName());
        }
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        String text = HEADER + "\n" + Base64.getEncoder().encodeToString(fresh) + "\n";
        DataDir.writeOwnerOnly(file, text.getBytes(StandardCharsets.US_ASCII));
        return new MasterKey(fresh);
    }

    /**
     * Reads a key file in this class's format; empty when the file is not one (a caller may then read it as
     * plain base64).
     */
    public static java.util.Optional<MasterKey> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file");
        }
        return java.util.Optional.ofNullable(parse(file)).map(MasterKey::new);
    }

    /** A key from raw bytes. */
    public static MasterKey of(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + KEY_BYTES + " bytes: " + key.length);
        }
        return new MasterKey(key);
    }

    private static byte[] parse(Path file) {
        try {
            String[] lines = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\R");
            if (lines.length != 2 || !lines[0].strip().equals(HEADER)) {
                return null;
            }
            byte[] key = Base64.getDecoder().decode(lines[1].strip());
            return key.length == KEY_BYTES ? key : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void moveAside(Path file, Path aside) {
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the malformed master key " + file + " aside", e);
        }
    }

    private static String fingerprint(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("codexmanager-key-id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(digest.digest(key), 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A short public fingerprint of the key (not secret), stored with every ciphertext. */
    public String id() {
        return id;
    }

    SecretKey aesKey() {
        return new SecretKeySpec(key, "AES");
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
