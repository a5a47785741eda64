package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.gateway.models.ModelCatalog;
import com.codexmanager.gateway.port.PlatformKey;
import com.codexmanager.gateway.state.ModelCacheRepository;
import com.codexmanager.json.Json;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.models.Model;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelsTest {
    GatewayTestBed bed;
    FakeAccount account;

    @BeforeEach
    void start() {
        bed = new GatewayTestBed(Map.of());
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return bed.http.send(HttpRequest.newBuilder(URI.create(bed.baseUrl() + path))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_sdk_lists_models_fetched_from_the_upstream() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(bed.baseUrl() + "/v1")
                .apiKey(TestKeys.KEY).maxRetries(0).build();
        try {
            List<String> ids = client.models().list().data().stream().map(Model::id).toList();

            assertThat(ids).contains("gpt-5.5", "gpt-5.4-mini").doesNotContain("codex-auto-review");
        } finally {
            client.close();
        }
        assertThat(bed.fake.requests(FakeUpstream.MODELS_PATH)).hasSize(1);
        assertThat(bed.fake.lastRequest(FakeUpstream.MODELS_PATH).orElseThrow().queryParam("client_version"))
                .isPresent();
    }

    @Test
    void one_model_by_id_and_unknown_ids_are_404() throws Exception {
        assertThat(Json.object(get("/v1/models/gpt-5.5", TestKeys.KEY).body()).get("id").getAsString())
                .isEqualTo("gpt-5.5");
        HttpResponse<String> missing = get("/v1/models/no-such-model", TestKeys.KEY);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("model_not_found");
    }

    @Test
    void a_key_with_allowed_models_sees_only_those() throws Exception {
        bed.keys.add("cmk_allowed_00000000000000", new PlatformKey("k2", "cmk_allo", "openai", null, null,
                List.of("gpt-5.4-mini"), null));

        var data = Json.object(get("/v1/models", "cmk_allowed_00000000000000").body()).getAsJsonArray("data");

        assertThat(data).hasSize(1);
        assertThat(data.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo("gpt-5.4-mini");
    }

    @Test
    void the_list_is_served_from_the_database_cache_first() throws Exception {
        get("/v1/models", TestKeys.KEY);
        ModelCatalog fresh = new ModelCatalog(new ModelCacheRepository(bed.context.database().sql()),
                new TestAccountPool("http://127.0.0.1:9"), null, () -> "http://127.0.0.1:9", () -> "x",
                Runnable::run, java.time.Clock.systemUTC());

        assertThat(fresh.models()).extracting(ModelCatalog.Model::slug).contains("gpt-5.5");
    }

    @Test
    void a_changed_models_etag_on_a_reply_triggers_a_refresh() throws Exception {
        get("/v1/models", TestKeys.KEY);
        bed.fake.changeModelsCatalog();

        bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"input\":\"x\"}");

        assertThat(bed.fake.awaitRequests(FakeUpstream.MODELS_PATH, 2, Duration.ofSeconds(5))).isTrue();
    }
}
