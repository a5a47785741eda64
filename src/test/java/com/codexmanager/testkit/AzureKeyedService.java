package com.codexmanager.testkit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The real service with one {@code azure_openai} key, created over RPC ({@code apikey/create} with the endpoint of
 * a {@link FakeAzureOpenAi} and its api-key) and bound to one deployment; no ChatGPT account. Every ChatGPT URL
 * points at a closed loopback port, so nothing leaves the machine. Close it after the test.
 */
public final class AzureKeyedService implements AutoCloseable {
    public static final String DEPLOYMENT = "my-gpt5-deployment";
    private static final String AZURE_SECRET = "azure-secret-for-tests";
    private static final String NOWHERE = "http://127.0.0.1:9";

    private final FakeAzureOpenAi azure;
    private final ServiceHarness service;
    private final String key;

    private AzureKeyedService(FakeAzureOpenAi azure, ServiceHarness service, String key) {
        this.azure = azure;
        this.service = service;
        this.key = key;
    }

    /** @param dataDir the service's data dir (created when missing) */
    public static AzureKeyedService start(Path dataDir, FakeUpstreamOptions azureOptions) {
        FakeAzureOpenAi azure = FakeAzureOpenAi.start(AZURE_SECRET, Set.of(DEPLOYMENT), azureOptions);
        ServiceHarness service = ServiceHarness.start(createDirectories(dataDir), Map.of(
                "CODEXMANAGER_UPSTREAM_BASE_URL", NOWHERE,
                "CODEXMANAGER_USAGE_BASE_URL", NOWHERE,
                "CODEXMANAGER_ISSUER", NOWHERE));
        String key = service.rpc().call("apikey/create", Map.of("name", "azure", "protocolType", "azure_openai",
                "upstreamBaseUrl", azure.endpoint(), "azureApiKey", AZURE_SECRET, "modelSlug", DEPLOYMENT))
                .get("key").getAsString();
        return new AzureKeyedService(azure, service, key);
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return service.baseUrl();
    }

    /** The platform key (cmk_…) clients send. */
    public String key() {
        return key;
    }

    public FakeAzureOpenAi azure() {
        return azure;
    }

    /** The first request-log row the service stored ({@code requestlog/list}) that matches, once there is one. */
    public JsonObject storedRow(String what, Predicate<JsonObject> matches) {
        Await.until("a stored request-log row: " + what, () -> rows().stream().anyMatch(matches));
        return rows().stream().filter(matches).findFirst().orElseThrow();
    }

    private List<JsonObject> rows() {
        JsonArray items = service.rpc().call("requestlog/list", Map.of("page", 1, "pageSize", 50))
                .getAsJsonArray("items");
        return items.asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    @Override
    public void close() {
        service.close();
        azure.close();
    }
}
