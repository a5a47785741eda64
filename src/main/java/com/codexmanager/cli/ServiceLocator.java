package com.codexmanager.cli;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.HostPort;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the running service the way the desktop does: the address of a running desktop's embedded service (its
 * instance file in the data dir), else {@code CODEXMANAGER_SERVICE_ADDR}; the token from
 * {@code CODEXMANAGER_RPC_TOKEN}, else the data dir's {@code codexmanager.rpc-token}. {@code --service} and
 * {@code --token} override both. Settings come from the environment and the env file, as for {@code serve}.
 * Stateless.
 */
final class ServiceLocator {
    private ServiceLocator() {
    }

    /** Where to connect; several candidates are tried in order until one answers. Immutable. */
    record Target(List<String> baseUrls, String token) {
        Target {
            baseUrls = List.copyOf(baseUrls);
        }

        @Override
        public String toString() {
            return "Target[" + baseUrls + ", token=***]";
        }
    }

    /**
     * @param service {@code http(s)://host:port} or {@code host:port}; null to look it up
     * @param token   null to look it up
     * @throws CliFailure when no token can be found or {@code service} is not an address
     */
    static Target locate(String service, String token, Map<String, String> env, String osName, Path userHome) {
        Settings settings = Settings.fromEnvironment(env);
        DataDir dataDir = DataDir.resolve(settings, env, osName, userHome);
        List<String> urls = new ArrayList<>();
        if (service != null) {
            urls.add(baseUrl(service));
        } else {
            LinkedHashSet<String> found = new LinkedHashSet<>();
            desktopBaseUrl(dataDir).ifPresent(found::add);
            found.add(baseUrl(settings.address(Setting.SERVICE_ADDR)));
            urls.addAll(found);
        }
        String resolvedToken = token != null ? token : settings.isSet(Setting.RPC_TOKEN)
                ? settings.text(Setting.RPC_TOKEN) : tokenFile(dataDir).orElseThrow(() -> new CliFailure(
                        CliFailure.FAILED, "no RPC token: none in CODEXMANAGER_RPC_TOKEN and no " + dataDir
                        .rpcTokenFile() + " (the service writes it on its first start). Give it with --token"));
        if (resolvedToken.isBlank()) {
            throw new CliFailure(CliFailure.USAGE, "--token must not be empty");
        }
        return new Target(urls, resolvedToken);
    }

    static String baseUrl(String service) {
        String value = service.trim();
        if (value.contains("://")) {
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(CliFailure.USAGE, "--service " + value + " is not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new CliFailure(CliFailure.USAGE, "--service " + value + " must be http(s)://host:port");
            }
            return scheme + "://" + uri.getRawAuthority();
        }
        return baseUrl(HostPort.parse(value).orElseThrow(() -> new CliFailure(CliFailure.USAGE,
                "--service " + value + " must be host:port or http(s)://host:port")));
    }

    private static String baseUrl(HostPort address) {
        return "http://" + address.clientHost() + ":" + address.port();
    }

    private static Optional<String> desktopBaseUrl(DataDir dataDir) {
        try {
            for (String line : Files.readAllLines(dataDir.desktopInstanceFile(), StandardCharsets.UTF_8)) {
                if (line.startsWith("baseUrl=") && line.length() > "baseUrl=".length()) {
                    return Optional.of(line.substring("baseUrl=".length()).trim());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> tokenFile(DataDir dataDir) {
        try {
            String token = Files.readString(dataDir.rpcTokenFile(), StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
