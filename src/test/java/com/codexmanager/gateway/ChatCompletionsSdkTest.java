package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK talking Chat Completions to the gateway, served through the pool. */
class ChatCompletionsSdkTest {
    static GatewayTestBed bed;
    static OpenAIClient client;
    static FakeAccount account;

    @BeforeAll
    static void start() {
        bed = new GatewayTestBed(Map.of());
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
        client = OpenAIOkHttpClient.builder().baseUrl(bed.baseUrl() + "/v1").apiKey(TestKeys.KEY)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        bed.close();
    }

    @BeforeEach
    void reset() {
        account.clearScenarios();
    }

    private static JsonObject lastUpstreamBody() {
        return bed.fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().json().getAsJsonObject();
    }

    private static FunctionDefinition weatherTool(String name) {
        return FunctionDefinition.builder().name(name).description("Current weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city",
                                Map.of("type", "string"))))
                        .build())
                .build();
    }

    @Test
    void non_streaming_completion_carries_text_finish_reason_and_usage() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-5.5").addSystemMessage("You answer briefly.").addUserMessage("Name a prime number")
                .maxCompletionTokens(200).temperature(0.3).build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).contains("echo: Name a prime number");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().promptTokens()).isPositive();
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(
                completion.usage().orElseThrow().promptTokens() + completion.usage().orElseThrow().completionTokens());
        JsonObject upstream = lastUpstreamBody();
        assertThat(upstream.has("max_output_tokens")).isFalse();
        assertThat(upstream.has("temperature")).isFalse();
        JsonObject developer = upstream.getAsJsonArray("input").get(0).getAsJsonObject();
        assertThat(developer.get("role").getAsString()).isEqualTo("developer");
    }

    @Test
    void streaming_completion_sends_deltas_a_finish_chunk_and_a_usage_chunk() {
        StringBuilder text = new StringBuilder();
        List<String> finishReasons = new ArrayList<>();
        List<Long> usageTotals = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-5.5").addUserMessage("Stream a greeting")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(text::append);
                    choice.finishReason().ifPresent(f -> finishReasons.add(f.asString()));
                });
                chunk.usage().ifPresent(u -> usageTotals.add(u.totalTokens()));
            });
        }

        assertThat(text.toString()).isEqualTo("echo: Stream a greeting");
        assertThat(finishReasons).containsExactly("stop");
        assertThat(usageTotals).hasSize(1).allSatisfy(t -> assertThat(t).isPositive());
    }

    @Test
    void tool_call_round_trip_maps_calls_and_outputs_both_ways() {
        account.enqueue(Scenario.FUNCTION_CALL);
        ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model("gpt-5.5")
                .addUserMessage("What is the weather in Oslo?").addFunctionTool(weatherTool("get_weather")).build();

        ChatCompletion call = client.chat().completions().create(first);

        assertThat(call.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall toolCall = call.choices().get(0).message().toolCalls().orElseThrow()
                .get(0).asFunction();
        assertThat(toolCall.function().name()).isEqualTo("get_weather");
        assertThat(toolCall.function().arguments()).isEqualTo("{\"city\":\"Oslo\"}");

        ChatCompletion answer = client.chat().completions().create(first.toBuilder()
                .addMessage(call.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(toolCall.id())
                        .content("{\"temperature_c\":4}").build())
                .build());

        assertThat(answer.choices().get(0).message().content().orElseThrow()).startsWith("echo:");
        JsonArray input = lastUpstreamBody().getAsJsonArray("input");
        JsonObject replayedCall = input.get(1).getAsJsonObject();
        JsonObject output = input.get(2).getAsJsonObject();
        assertThat(replayedCall.get("type").getAsString()).isEqualTo("function_call");
        assertThat(replayedCall.get("call_id").getAsString()).isEqualTo(toolCall.id());
        assertThat(output.get("type").getAsString()).isEqualTo("function_call_output");
        assertThat(output.get("call_id").getAsString()).isEqualTo(toolCall.id());
        assertThat(output.get("output").getAsString()).isEqualTo("{\"temperature_c\":4}");
    }

    @Test
    void streamed_tool_calls_arrive_as_indexed_deltas_with_long_names_restored() {
        String longName = "mcp__weather_service_for_the_northern_hemisphere__lookup_current_conditions_by_city";
        account.enqueue(Scenario.FUNCTION_CALL);
        List<String> names = new ArrayList<>();
        StringBuilder arguments = new StringBuilder();
        List<String> finishReasons = new ArrayList<>();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-5.5").addUserMessage("Weather?")
                        .addFunctionTool(weatherTool(longName)).build())) {
            stream.stream().flatMap(c -> c.choices().stream()).forEach(choice -> {
                choice.delta().toolCalls().ifPresent(calls -> calls.forEach(call -> {
                    assertThat(call.index()).isZero();
                    call.function().flatMap(f -> f.name()).ifPresent(names::add);
                    call.function().flatMap(f -> f.arguments()).ifPresent(arguments::append);
                }));
                choice.finishReason().ifPresent(f -> finishReasons.add(f.asString()));
            });
        }

        assertThat(names).containsExactly(longName);
        assertThat(arguments.toString()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(finishReasons).containsExactly("tool_calls");
        String upstreamName = lastUpstreamBody().getAsJsonArray("tools").get(0).getAsJsonObject()
                .get("name").getAsString();
        assertThat(upstreamName).hasSizeLessThanOrEqualTo(64).startsWith("mcp__weather_service");
    }

    @Test
    void json_schema_response_format_and_reasoning_effort_reach_the_backend() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-5.5").addUserMessage("Give me a city as JSON").reasoningEffort(ReasoningEffort.HIGH)
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema
                        .builder().name("city").strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("name",
                                        Map.of("type", "string"))))
                                .build())
                        .build()).build())
                .build());

        assertThat(completion.choices().get(0).message().content()).isPresent();
        JsonObject upstream = lastUpstreamBody();
        JsonObject format = upstream.getAsJsonObject("text").getAsJsonObject("format");
        assertThat(format.get("type").getAsString()).isEqualTo("json_schema");
        assertThat(format.get("name").getAsString()).isEqualTo("city");
        assertThat(format.get("strict").getAsBoolean()).isTrue();
        assertThat(format.getAsJsonObject("schema").get("type").getAsString()).isEqualTo("object");
        assertThat(upstream.getAsJsonObject("reasoning").get("effort").getAsString()).isEqualTo("high");
    }

    @Test
    void a_bad_message_role_is_a_400_naming_the_field() throws Exception {
        var response = bed.post("/v1/chat/completions",
                "{\"model\":\"gpt-5.5\",\"messages\":[{\"role\":\"narrator\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("messages[0].role").contains("invalid_request_error");
    }
}
