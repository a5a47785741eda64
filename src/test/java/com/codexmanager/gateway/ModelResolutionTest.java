package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.AccountSpec;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.FakeUpstreamOptions;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Model resolution against the live per-plan catalogues, through the gateway, with a fake upstream that refuses
 * models the caller's plan does not offer (the backend's 400 "model is not supported"). Regression for issue 14:
 * Claude Code's default {@code opus} model was mapped to {@code gpt-5.6-sol}, which a free plan (or any later,
 * renamed catalogue) does not offer, so the very first prompt failed with 400.
 */
class ModelResolutionTest {
    private static final String SESSION = "0f3c2a1b-4d5e-4f60-8a7b-9c0d1e2f3a4b";

    GatewayTestBed bed;

    private GatewayTestBed start(Map<String, String> env) {
        bed = new GatewayTestBed(FakeUpstream.start(FakeUpstreamOptions.builder().build()), env);
        return bed;
    }

    /** A gateway that learns no catalogue: the fake's {@code /models} answers 404 from the start. */
    private GatewayTestBed startWithoutCatalogue(Map<String, String> env) {
        FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().build());
        fake.failModelsList(true);
        bed = new GatewayTestBed(fake, env);
        return bed;
    }

    private List<String> upstreamModels() {
        return bed.fake.requests(FakeUpstream.RESPONSES_PATH).stream()
                .map(r -> r.json().getAsJsonObject().get("model").getAsString()).toList();
    }

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    private FakeAccount account(String plan, long sort) {
        FakeAccount account = bed.fake.createAccount(AccountSpec.builder().planType(plan).build());
        bed.pool.add(account, sort);
        return account;
    }

    private String upstreamModel() {
        return bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json().getAsJsonObject()
                .get("model").getAsString();
    }

    private HttpResponse<String> ask(String model) throws Exception {
        return bed.post("/v1/responses", "{\"model\":\"" + model + "\",\"input\":\"hi\"}");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return bed.http.send(HttpRequest.newBuilder(URI.create(bed.baseUrl() + path))
                .header("Authorization", "Bearer " + TestKeys.KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void claude_codes_default_opus_model_answers_against_a_free_catalogue() throws Exception {
        start(Map.of());
        account("free", 1);

        HttpResponse<String> streamed = ClaudeCodeRequestsTest.postMessages(bed,
                ClaudeCodeRequestsTest.body(true, SESSION), TestKeys.KEY);

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.body()).contains("message_stop");
        assertThat(upstreamModel()).isEqualTo("gpt-5.5");
        assertThat(bed.recorder.records).last().satisfies(r -> {
            assertThat(r.clientModel()).isEqualTo("claude-opus-4-8");
            assertThat(r.effectiveModel()).isEqualTo("gpt-5.5");
        });
    }

    @Test
    void a_single_target_that_the_plan_lacks_falls_back_to_the_plans_top_model() throws Exception {
        start(Map.of("CODEXMANAGER_CLAUDE_MODEL_MAP", "*opus*=gpt-5.6-sol,*haiku*=gpt-5.6-sol"));
        account("free", 1);

        assertThat(ask("claude-opus-4-8").statusCode()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-5.6-terra");
        assertThat(ask("claude-haiku-4-5").statusCode()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-5.4-mini");
    }

    @Test
    void a_renamed_catalogue_gets_each_tier_from_its_own_ranking() throws Exception {
        start(Map.of());
        bed.fake.setPlanModels("plus", "gpt-7-nova", "gpt-7-terra", "gpt-7-mini");
        account("plus", 1);

        assertThat(ask("claude-opus-4-8").statusCode()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-7-nova");
        assertThat(ask("claude-sonnet-4-5").statusCode()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-7-nova");
        assertThat(ask("claude-haiku-4-5-20251001").statusCode()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-7-mini");
    }

    /**
     * Regression for issue 14 (audit): with no catalogue known (the {@code /models} fetch failed), an alias sent its
     * first target blindly, so Claude Code's opus went out as {@code gpt-5.6-sol} and a free plan answered 400.
     */
    @Test
    void without_a_catalogue_aliases_resolve_against_the_built_in_ranking() throws Exception {
        startWithoutCatalogue(Map.of());
        account("free", 1);

        HttpResponse<String> opus = ask("claude-opus-4-8");
        HttpResponse<String> haiku = ask("claude-haiku-4-5");

        assertThat(opus.statusCode()).as(opus.body()).isEqualTo(200);
        assertThat(haiku.statusCode()).as(haiku.body()).isEqualTo(200);
        assertThat(upstreamModels()).containsExactly("gpt-5.5", "gpt-5.4-mini");
        assertThat(bed.fake.requests(FakeUpstream.MODELS_PATH)).isNotEmpty();
    }

    @Test
    void a_model_the_plan_refuses_moves_the_request_to_the_next_alias_target() throws Exception {
        startWithoutCatalogue(Map.of("CODEXMANAGER_CLAUDE_MODEL_MAP", "*opus*=gpt-5.5|gpt-5.4"));
        bed.fake.setPlanModels("plus", "gpt-5.4", "gpt-5.4-mini");
        account("plus", 1);

        HttpResponse<String> first = ask("claude-opus-4-8");
        HttpResponse<String> second = ask("claude-opus-4-8");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(upstreamModels()).as("refused once, then known").containsExactly("gpt-5.5", "gpt-5.4", "gpt-5.4");
        assertThat(bed.recorder.traces(bed.recorder.records.get(0).traceId())).anySatisfy(line -> {
            assertThat(line.event()).isEqualTo("MODEL_FALLBACK");
            assertThat(line.fields()).containsEntry("model", "gpt-5.4");
        });
    }

    @Test
    void a_model_one_plan_refuses_is_served_by_an_account_of_another_plan() throws Exception {
        startWithoutCatalogue(Map.of());
        FakeAccount free = account("free", 1);
        FakeAccount plus = account("plus", 2);

        HttpResponse<String> first = ask("gpt-5.4");
        HttpResponse<String> second = ask("gpt-5.4");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(bed.recorder.records.get(0).attemptedAccountIds())
                .containsExactly(free.accountId(), plus.accountId());
        assertThat(bed.recorder.records.get(1).attemptedAccountIds()).as("the free plan is known to lack it")
                .containsExactly(plus.accountId());
    }

    @Test
    void a_model_every_account_refuses_gets_the_upstreams_own_400() throws Exception {
        startWithoutCatalogue(Map.of());
        account("free", 1);

        HttpResponse<String> response = ask("gpt-5.4");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("The 'gpt-5.4' model is not supported");
    }

    /**
     * The model the key snippets write into Codex CLI's config stays usable when a later catalogue drops it: it
     * resolves to that catalogue's top model instead of a 404.
     */
    @Test
    void the_codex_snippets_model_is_served_by_a_renamed_catalogue() throws Exception {
        start(Map.of("CODEXMANAGER_CLAUDE_MODEL_MAP", "*opus*=gpt-5.6-sol"));
        bed.fake.setPlanModels("plus", "gpt-7-nova", "gpt-7-mini");
        account("plus", 1);

        HttpResponse<String> response = ask(com.codexmanager.cli.ClientSnippets.DEFAULT_CODEX_MODEL);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-7-nova");
        assertThat(ids(get("/v1/models"))).contains(com.codexmanager.cli.ClientSnippets.DEFAULT_CODEX_MODEL);
    }

    @Test
    void opus_goes_to_the_plan_that_offers_the_first_target_and_the_other_account_is_skipped() throws Exception {
        start(Map.of());
        FakeAccount free = account("free", 1);
        FakeAccount plus = account("plus", 2);

        HttpResponse<String> response = ask("claude-opus-4-8");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-5.6-sol");
        var record = bed.recorder.records.get(bed.recorder.records.size() - 1);
        assertThat(record.finalAccountId()).isEqualTo(plus.accountId());
        assertThat(bed.recorder.traces(record.traceId())).anySatisfy(line -> {
            assertThat(line.event()).isEqualTo("CANDIDATE_SKIP");
            assertThat(line.fields()).containsEntry("account_id", free.accountId())
                    .containsEntry("reason", "model_not_offered");
        });
    }

    @Test
    void when_the_account_with_the_first_target_is_spent_the_next_target_serves() throws Exception {
        start(Map.of());
        FakeAccount free = account("free", 1);
        FakeAccount plus = account("plus", 2);
        bed.pool.markUsageLimited(plus.accountId(), Instant.now().plusSeconds(3600));

        HttpResponse<String> response = ask("claude-opus-4-8");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-5.5");
        assertThat(bed.recorder.records).last().extracting(r -> r.finalAccountId()).isEqualTo(free.accountId());
    }

    @Test
    void a_pinned_free_account_serves_opus_with_a_model_its_plan_offers() throws Exception {
        start(Map.of());
        FakeAccount free = account("free", 2);
        account("plus", 1);
        bed.rpc("gateway/manualAccount/set", Map.of("accountId", free.accountId()));

        HttpResponse<String> response = ask("claude-opus-4-8");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstreamModel()).isEqualTo("gpt-5.5");
        assertThat(bed.recorder.records).last().extracting(r -> r.finalAccountId()).isEqualTo(free.accountId());
    }

    @Test
    void a_model_no_account_offers_is_a_clear_404_in_the_clients_protocol() throws Exception {
        start(Map.of());
        account("free", 1);

        HttpResponse<String> openai = ask("gpt-5.6-sol");
        HttpResponse<String> anthropic = ClaudeCodeRequestsTest.postMessages(bed,
                ClaudeCodeRequestsTest.body(false, SESSION).replace("claude-opus-4-8", "gpt-5.6-sol"), TestKeys.KEY);

        assertThat(openai.statusCode()).isEqualTo(404);
        JsonObject error = Json.object(openai.body()).getAsJsonObject("error");
        assertThat(error.get("code").getAsString()).isEqualTo("model_not_found");
        assertThat(error.get("message").getAsString()).contains("gpt-5.6-sol").contains("/v1/models");
        assertThat(anthropic.statusCode()).isEqualTo(404);
        assertThat(Json.object(anthropic.body()).getAsJsonObject("error").get("type").getAsString())
                .isEqualTo("not_found_error");
        assertThat(bed.fake.requests(FakeUpstream.RESPONSES_PATH)).isEmpty();
    }

    @Test
    void the_model_list_is_the_union_of_the_pools_plans_plus_the_aliases() throws Exception {
        start(Map.of());
        account("free", 1);

        List<String> freeOnly = ids(get("/v1/models"));
        account("plus", 2);
        List<String> withPlus = ids(get("/v1/models"));

        assertThat(freeOnly).contains("gpt-5.5", "gpt-5.6-terra", "gpt-5.4-mini", "opus", "sonnet", "haiku")
                .doesNotContain("gpt-5.6-sol", "codex-auto-review");
        assertThat(withPlus).contains("gpt-5.6-sol", "gpt-5.4", "gpt-5.5", "opus");
        assertThat(withPlus.indexOf("gpt-5.6-sol")).isLessThan(withPlus.indexOf("gpt-5.5"));
        JsonObject opus = Json.object(get("/v1/models/opus").body());
        assertThat(opus.get("owned_by").getAsString()).isEqualTo("codexmanager");
    }

    @Test
    void the_alias_names_in_the_model_list_can_be_requested() throws Exception {
        start(Map.of());
        account("plus", 1);

        assertThat(ask("haiku").statusCode()).isEqualTo(200);

        assertThat(upstreamModel()).isEqualTo("gpt-5.4-mini");
    }

    /** The defaults serve Claude Code, the Anthropic SDK and Codex CLI on every plan's catalogue alike. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"free", "plus", "pro"})
    void claude_code_the_anthropic_sdk_and_codex_cli_work_on_each_plans_catalogue(String plan) throws Exception {
        start(Map.of());
        account(plan, 1);

        HttpResponse<String> claudeCode = ClaudeCodeRequestsTest.postMessages(bed,
                ClaudeCodeRequestsTest.body(true, SESSION), TestKeys.KEY);
        com.anthropic.client.AnthropicClient sdk = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
                .baseUrl(bed.baseUrl()).apiKey(TestKeys.KEY).maxRetries(0).build();
        try {
            for (String model : List.of("claude-sonnet-4-5", "claude-haiku-4-5-20251001", "claude-opus-4-1")) {
                com.anthropic.models.messages.Message message = sdk.messages().create(
                        com.anthropic.models.messages.MessageCreateParams.builder().model(model).maxTokens(1024)
                                .addUserMessage("Say hi").build());
                assertThat(message.content()).as(model).isNotEmpty();
            }
        } finally {
            sdk.close();
        }
        HttpResponse<String> codex = bed.post("/v1/responses", "{\"model\":\"gpt-5.5\",\"instructions\":\"\","
                + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"hi\"}]}],\"stream\":true,\"store\":false}");

        assertThat(claudeCode.statusCode()).as(claudeCode.body()).isEqualTo(200);
        assertThat(codex.statusCode()).as(codex.body()).isEqualTo(200);
        assertThat(bed.recorder.records).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> out = new java.util.ArrayList<>();
        Json.object(response.body()).getAsJsonArray("data")
                .forEach(e -> out.add(e.getAsJsonObject().get("id").getAsString()));
        return out;
    }
}
