package com.codexmanager.desktop;

import com.codexmanager.config.DataDir;
import com.codexmanager.config.HostPort;
import com.codexmanager.config.Setting;
import com.codexmanager.config.Settings;
import com.codexmanager.desktop.rpc.RpcCall;
import com.codexmanager.desktop.rpc.RpcCallException;
import com.codexmanager.desktop.rpc.RpcClient;
import com.codexmanager.desktop.rpc.RpcEndpoint;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a second launch does when a desktop already runs: finds the running instance (the address it recorded in
 * the data dir, else the configured one; the token from the environment or the data dir) and asks it to show its
 * dashboard over {@code desktop/show}. Stateless.
 */
final class SecondLaunch {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private SecondLaunch() {
    }

    /** The endpoint of the instance that owns {@code dataDir}, when its token can be read. */
    static Optional<RpcEndpoint> endpointOf(DataDir dataDir, Settings settings) {
        String baseUrl = recordedBaseUrl(dataDir).orElseGet(() -> baseUrl(settings.address(Setting.SERVICE_ADDR)));
        return token(dataDir, settings).map(t -> new RpcEndpoint(baseUrl, t));
    }

    static String baseUrl(HostPort address) {
        return "http://" + address.clientHost() + ":" + address.port();
    }

    static Optional<String> token(DataDir dataDir, Settings settings) {
        if (settings.isSet(Setting.RPC_TOKEN)) {
            return Optional.of(settings.text(Setting.RPC_TOKEN));
        }
        Path file = dataDir.rpcTokenFile();
        try {
            if (Files.isRegularFile(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                return token.isEmpty() ? Optional.empty() : Optional.of(token);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> recordedBaseUrl(DataDir dataDir) {
        try {
            for (String line : Files.readAllLines(EmbeddedService.instanceFile(dataDir), StandardCharsets.UTF_8)) {
                if (line.startsWith("baseUrl=")) {
                    return Optional.of(line.substring("baseUrl=".length()).trim());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Asks the instance at {@code endpoint} to show its dashboard; empty on success, else why it failed. */
    static Optional<RpcCallException> requestShow(RpcEndpoint endpoint) {
        try (RpcClient client = new RpcClient(() -> endpoint)) {
            JsonObject params = new JsonObject();
            params.addProperty("page", "dashboard");
            client.call(RpcCall.DESKTOP_SHOW, params, TIMEOUT).get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException | CompletionException e) {
            return Optional.of(RpcCallException.from(e).orElseGet(() -> new RpcCallException(
                    RpcCallException.Kind.PROTOCOL, String.valueOf(e.getCause()), e)));
        } catch (TimeoutException e) {
            return Optional.of(new RpcCallException(RpcCallException.Kind.TIMEOUT, "no answer", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new RpcCallException(RpcCallException.Kind.TIMEOUT, "interrupted", e));
        }
    }
}
