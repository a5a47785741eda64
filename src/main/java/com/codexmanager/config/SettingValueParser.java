package com.codexmanager.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks and normalises one raw value for one setting. Stateless.
 *
 * <p>{@link #parse} answers either the canonical text of a valid value or the reason it is invalid.
 */
public final class SettingValueParser {
    private static final Set<String> TRUE_WORDS = Set.of("1", "true", "yes", "on");
    private static final Set<String> FALSE_WORDS = Set.of("0", "false", "no", "off");

    private SettingValueParser() {
    }

    /** Either a canonical value or a problem; exactly one is present. */
    public record Result(Optional<String> value, Optional<String> problem) {
        static Result ok(String value) {
            return new Result(Optional.of(value), Optional.empty());
        }

        static Result invalid(String problem) {
            return new Result(Optional.empty(), Optional.of(problem));
        }
    }

    /** Parses {@code raw} for {@code setting}; {@code raw} is the text exactly as given (may be empty). */
    public static Result parse(Setting setting, String raw) {
        String value = raw.trim();
        return switch (setting.type()) {
            case STRING, SECRET -> Result.ok(value);
            case PATH -> parsePath(value);
            case FLAG -> Result.ok(Boolean.toString(!FALSE_WORDS.contains(value.toLowerCase(Locale.ROOT))));
            case BOOLEAN -> parseBoolean(value);
            case INTEGER -> parseInteger(setting, value);
            case CHOICE -> parseChoice(setting, value);
            case URL -> parseUrl(setting, value);
            case PROXY_URL -> parseProxyUrl(value);
            case ADDRESS -> parseAddress(value);
            case JDBC_URL -> parseJdbcUrl(value);
        };
    }

    private static Result parseJdbcUrl(String value) {
        if (value.isEmpty()) {
            return Result.ok(value);
        }
        if (!value.startsWith("jdbc:postgresql://") || value.length() == "jdbc:postgresql://".length()) {
            return Result.invalid("is not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/codexmanager)");
        }
        return Result.ok(value);
    }

    private static Result parseAddress(String value) {
        Optional<HostPort> parsed = HostPort.parse(value);
        if (parsed.isPresent()) {
            return Result.ok(parsed.get().toString());
        }
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return Result.invalid("is not host:port (e.g. localhost:48760, 0.0.0.0:48760)");
        }
        String port = value.substring(colon + 1);
        if (!port.matches("[0-9]{1,9}")) {
            return Result.invalid("has no port number after the last ':' (e.g. localhost:48760)");
        }
        if (Integer.parseInt(port) > 65_535) {
            return Result.invalid("has port " + port + ", outside 0-65535");
        }
        return Result.invalid("is not host:port (an IPv6 host needs brackets: [::1]:48760)");
    }

    private static Result parsePath(String value) {
        try {
            java.nio.file.Path.of(value);
            return Result.ok(value);
        } catch (java.nio.file.InvalidPathException e) {
            return Result.invalid("is not a valid path (" + e.getReason() + ")");
        }
    }

    private static Result parseBoolean(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(lower)) {
            return Result.ok("true");
        }
        if (FALSE_WORDS.contains(lower)) {
            return Result.ok("false");
        }
        return Result.invalid("is not a boolean (use 1/true/yes or 0/false/no)");
    }

    private static Result parseInteger(Setting setting, String value) {
        long number;
        try {
            number = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            return Result.invalid("is not a whole number");
        }
        if (number < setting.min()) {
            return Result.invalid("is below the minimum " + setting.min());
        }
        if (number > setting.max()) {
            return Result.invalid("is above the maximum " + setting.max());
        }
        return Result.ok(Long.toString(number));
    }

    private static Result parseChoice(Setting setting, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String choice : setting.choices()) {
            if (choice.toLowerCase(Locale.ROOT).equals(lower)) {
                return Result.ok(choice);
            }
        }
        String aliased = setting.aliases().get(lower);
        if (aliased != null) {
            return Result.ok(aliased);
        }
        return Result.invalid("is not one of " + String.join(", ", setting.choices()));
    }

    private static Result parseProxyUrl(String value) {
        try {
            return Result.ok(ProxyUrl.parse(value).map(ProxyUrl::canonical).orElse(""));
        } catch (IllegalArgumentException e) {
            return Result.invalid(e.getMessage());
        }
    }

    private static Result parseUrl(Setting setting, String value) {
        if (value.isEmpty()) {
            return Result.ok("");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return Result.invalid("is not an http(s) URL");
            }
        } catch (URISyntaxException e) {
            return Result.invalid("is not a valid URL");
        }
        return Result.ok(setting.normalise(value));
    }
}
