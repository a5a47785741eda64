package com.codexmanager.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outbound proxy of {@link Setting#UPSTREAM_PROXY_URL}, parsed. Immutable; {@link #toString()} masks the
 * password.
 *
 * <p>Accepted forms: {@code http://host:port}, {@code https://host:port}, {@code socks5://host:port} (target
 * names resolved locally), {@code socks5h://host:port} and {@code socks://host:port} (target names resolved by the
 * proxy). An {@code https://} proxy is spoken to in plain HTTP like {@code http://}: HttpClient 5.6 checks the
 * proxy's TLS certificate against the target's host name, so TLS to the proxy cannot work reliably; traffic to an
 * https upstream is still encrypted end to end inside the CONNECT tunnel. {@code http://} and the SOCKS forms take a
 * {@code user:password@} part (SOCKS: RFC 1929, at most 255 bytes each); {@code https://} does not, because its
 * password would travel unencrypted where the user expects TLS.
 *
 * @param username {@code null} when the URL has no user info
 * @param password {@code null} when the URL has no password
 */
public record ProxyUrl(Kind kind, String host, int port, String username, String password) {
    /** What the user sees instead of the password. */
    public static final String MASK = "***";
    /** Up to the last '@' of the token: a password may hold '/' or '@' when the user did not %-encode it. */
    /** RFC 1929: a SOCKS5 user name and password are at most this long each. */
    private static final int SOCKS_FIELD_MAX_BYTES = 255;
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)\\S*@");

    /** The proxy protocols we speak. */
    public enum Kind {
        HTTP("http", 80, false), HTTPS("https", 443, false), SOCKS5("socks5", 1080, false),
        SOCKS5H("socks5h", 1080, true);

        private final String scheme;
        private final int defaultPort;
        private final boolean remoteDns;

        Kind(String scheme, int defaultPort, boolean remoteDns) {
            this.scheme = scheme;
            this.defaultPort = defaultPort;
            this.remoteDns = remoteDns;
        }

        public String scheme() {
            return scheme;
        }

        public boolean socks() {
            return this == SOCKS5 || this == SOCKS5H;
        }

        /** Whether the proxy, not this machine, resolves target host names (socks5h semantics). */
        public boolean remoteDns() {
            return remoteDns;
        }

        static Optional<Kind> ofScheme(String scheme) {
            return switch (scheme) {
                case "http" -> Optional.of(HTTP);
                case "https" -> Optional.of(HTTPS);
                case "socks5" -> Optional.of(SOCKS5);
                case "socks5h", "socks" -> Optional.of(SOCKS5H);
                default -> Optional.empty();
            };
        }
    }

    public ProxyUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
    }

    /**
     * Parses a proxy URL.
     *
     * @return empty for blank text (no proxy)
     * @throws IllegalArgumentException with a message that reads after the setting's name ("is not …") and never
     *                                  contains the password
     */
    public static Optional<ProxyUrl> parse(String text) {
        String value = text.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid proxy URL (expected scheme://host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind = Kind.ofScheme(scheme).orElseThrow(() -> new IllegalArgumentException(
                "must start with http://, https://, socks5://, socks5h:// or socks://"));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no valid host (expected " + kind.scheme() + "://host:port)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a path, query or fragment (expected "
                    + kind.scheme() + "://host:port)");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? kind.defaultPort : uri.getPort();
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            if (kind == Kind.HTTPS) {
                throw new IllegalArgumentException("must not contain a user name or password: TLS to the proxy is "
                        + "not supported, so the password would be sent unencrypted (write http://user:password@… "
                        + "if the proxy speaks plain HTTP)");
            }
            String raw = uri.getRawUserInfo();
            int colon = raw.indexOf(':');
            username = decode(colon < 0 ? raw : raw.substring(0, colon));
            password = colon < 0 ? null : decode(raw.substring(colon + 1));
            if (username.isEmpty()) {
                throw new IllegalArgumentException("has an empty user name before '@'");
            }
            if (kind.socks() && (utf8Length(username) > SOCKS_FIELD_MAX_BYTES
                    || password != null && utf8Length(password) > SOCKS_FIELD_MAX_BYTES)) {
                throw new IllegalArgumentException("has a user name or password longer than "
                        + SOCKS_FIELD_MAX_BYTES + " bytes, more than SOCKS5 can carry");
            }
        }
        return Optional.of(new ProxyUrl(kind, host, port, username, password));
    }

    /** Replaces the password of any {@code scheme://user:password@…} text with {@link #MASK}; works on bad input. */
    public static String masked(String text) {
        return text == null ? null : USERINFO_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
    }

    public boolean hasCredentials() {
        return username != null;
    }

    /** The canonical text, password included: what is stored and what the clients are built from. */
    public String canonical() {
        return kind.scheme() + "://" + userInfo(password == null ? null : encode(password)) + hostText() + ":"
                + port;
    }

    /** The password as typed and as it appears %-encoded in the stored URL, for log redaction; empty if none. */
    public List<String> passwordForms() {
        if (password == null) {
            return List.of();
        }
        String encoded = encode(password);
        return encoded.equals(password) ? List.of(password) : List.of(password, encoded);
    }

    /** A copy with another password (used when a patch carries the {@link #MASK} back). */
    public ProxyUrl withPassword(String newPassword) {
        return new ProxyUrl(kind, host, port, username, newPassword);
    }

    /** The proxy's address as {@code host:port}, for messages. */
    public String address() {
        return hostText() + ":" + port;
    }

    private String hostText() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private String userInfo(String encodedPassword) {
        if (username == null) {
            return "";
        }
        return encode(username) + (encodedPassword == null ? "" : ":" + encodedPassword) + "@";
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has badly %-encoded user info");
        }
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~!$&'()*+,;=".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return kind.scheme() + "://" + userInfo(password == null ? null : MASK) + hostText() + ":" + port;
    }
}
