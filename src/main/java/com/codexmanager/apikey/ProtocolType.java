package com.codexmanager.apikey;

import java.util.Locale;
import java.util.Optional;

/**
 * What a platform key speaks. {@link #OPENAI} and {@link #ANTHROPIC} keys are served from the account pool;
 * {@link #AZURE_OPENAI} keys bypass the pool and are forwarded to the key's own Azure endpoint.
 */
public enum ProtocolType {
    OPENAI("openai"),
    ANTHROPIC("anthropic"),
    AZURE_OPENAI("azure_openai");

    private final String wireName;

    ProtocolType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used over RPC and in the database. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; the original product's {@code openai_compat} and {@code anthropic_native} are aliases. */
    public static Optional<ProtocolType> parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "openai", "openai_compat" -> Optional.of(OPENAI);
            case "anthropic", "anthropic_native" -> Optional.of(ANTHROPIC);
            case "azure_openai" -> Optional.of(AZURE_OPENAI);
            default -> Optional.empty();
        };
    }
}
