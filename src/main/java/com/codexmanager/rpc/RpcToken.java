package com.codexmanager.rpc;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret that RPC callers send in {@code X-CodexManager-Rpc-Token}: from {@code CODEXMANAGER_RPC_TOKEN}, else
 * the token file in the data dir, else 64 fresh hex characters written to that file (owner-only). Immutable;
 * {@link #toString()} never prints the value.
 */
public final class RpcToken {
    public static final String HEADER = "X-CodexManager-Rpc-Token";

    private final byte[] value;

    private RpcToken(String value) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    public static RpcToken of(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("RPC token must not be blank");
        }
        return new RpcToken(value);
    }

    /** Resolves the token as described in the class doc, creating the file when needed. */
    public static RpcToken resolve(Settings settings, DataDir dataDir, SecureRandom random) {
        if (settings.isSet(Setting.RPC_TOKEN)) {
            return of(settings.text(Setting.RPC_TOKEN));
        }
        Path file = dataDir.rpcTokenFile();
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    DataDir.restrictToOwner(file);
                    return of(stored);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read RPC token file " + file, e);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        DataDir.writeOwnerOnly(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
        return of(token);
    }

    /** Constant-time comparison with a presented value; {@code null} never matches. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(value, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The token text, for the in-process desktop client and the redaction layer only. */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RpcToken[***]";
    }
}
