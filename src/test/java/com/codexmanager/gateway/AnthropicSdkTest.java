package com.codexmanager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import com.codexmanager.testkit.FakeAccount;
import com.codexmanager.testkit.FakeUpstream;
import com.codexmanager.testkit.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official anthropic-java 3.x SDK (which always sends Bearer) talking Messages to the gateway. */
class AnthropicSdkTest {
    static GatewayTestBed bed;
    static AnthropicClient client;
    static FakeAccount account;

    @BeforeAll
    static void start() {
        bed = new GatewayTestBed(Map.of());
        account = bed.fake.createAccount();
        bed.pool.add(account, 1);
        client = AnthropicOkHttpClient.builder().baseUrl(bed.baseUrl()).apiKey(TestKeys.KEY).maxRetries(0).build();
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

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder().properties(Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                        .required(List.of("city")).build())
                .build();
    }

    private static String text(Message message) {
        return message.content().stream().filter(ContentBlock::isText).map(b -> b.asText().text())
                .reduce("", String::concat);
    }

    @Test
    void non_streaming_message_maps_claude_model_names_and_returns_text() {
        Message message = client.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5")
                .maxTokens(64000).system("You are terse.").addUserMessage("Name a colour").build());

        assertThat(text(message)).isEqualTo("echo: Name a colour");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
        JsonObject upstream = lastUpstreamBody();
        assertThat(upstream.get("model").getAsString()).isEqualTo("gpt-5.5");
        assertThat(upstream.has("max_tokens")).isFalse();
        assertThat(bed.recorder.records).last().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/messages");
            assertThat(r.clientModel()).isEqualTo("claude-sonnet-4-5");
            assertThat(r.effectiveModel()).isEqualTo("gpt-5.5");
            assertThat(r.status()).isEqualTo(200);
        });
    }

    @Test
    void streaming_message_with_thinking_yields_thinking_signature_and_text_blocks() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> eventKinds = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                MessageCreateParams.builder().model("claude-opus-4-8").maxTokens(32000).enabledThinking(2048)
                        .addUserMessage("Think, then greet").build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                eventKinds.add(event.isMessageStart() ? "start" : event.isMessageStop() ? "stop" : "other");
            });
        }
        Message message = accumulator.message();

        assertThat(eventKinds.get(0)).isEqualTo("start");
        assertThat(eventKinds).last().isEqualTo("stop");
        assertThat(message.content().get(0).isThinking()).isTrue();
        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("**Considering the request**");
        assertThat(message.content().get(0).asThinking().signature()).startsWith("gAAAAB-fake");
        assertThat(text(message)).isEqualTo("echo: Think, then greet");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        JsonObject reasoning = lastUpstreamBody().getAsJsonObject("reasoning");
        assertThat(reasoning.get("effort").getAsString()).isEqualTo("medium");
        assertThat(lastUpstreamBody().get("model").getAsString()).isEqualTo("gpt-5.6-sol");
    }

    @Test
    void tool_use_round_trip_streams_input_json_and_replays_the_call() {
        account.enqueue(Scenario.FUNCTION_CALL);
        MessageCreateParams first = MessageCreateParams.builder().model("claude-haiku-4-5").maxTokens(1024)
                .addTool(weatherTool()).addUserMessage("Weather in Oslo?").build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(first)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message call = accumulator.message();

        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock toolUse = call.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow()
                .asToolUse();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Oslo"));
        assertThat(lastUpstreamBody().get("model").getAsString()).isEqualTo("gpt-5.4-mini");

        Message answer = client.messages().create(first.toBuilder().addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam
                        .builder().toolUseId(toolUse.id()).content("{\"temperature_c\":3}").build())))
                .build());

        assertThat(text(answer)).startsWith("echo:");
        JsonArray input = lastUpstreamBody().getAsJsonArray("input");
        List<String> types = new ArrayList<>();
        input.forEach(i -> types.add(i.getAsJsonObject().get("type").getAsString()));
        assertThat(types).containsSubsequence("message", "function_call", "function_call_output");
        JsonObject replayed = input.get(types.indexOf("function_call")).getAsJsonObject();
        assertThat(replayed.get("call_id").getAsString()).isEqualTo(toolUse.id());
        assertThat(replayed.get("arguments").getAsString()).isEqualTo("{\"city\":\"Oslo\"}");
        JsonObject output = input.get(types.indexOf("function_call_output")).getAsJsonObject();
        assertThat(output.get("output").getAsString()).isEqualTo("{\"temperature_c\":3}");
    }

    @Test
    void non_streaming_tool_use_parses_the_input_object() {
        account.enqueue(Scenario.FUNCTION_CALL);

        Message message = client.messages().create(MessageCreateParams.builder().model("claude-sonnet-4-5")
                .maxTokens(1024).addTool(weatherTool()).addUserMessage("Weather?").build());

        ToolUseBlock toolUse = message.content().stream().filter(ContentBlock::isToolUse).findFirst()
                .orElseThrow().asToolUse();
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Oslo"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void count_tokens_is_answered_locally_and_grows_with_the_request() {
        long small = client.messages().countTokens(MessageCountTokensParams.builder().model("claude-sonnet-4-5")
                .addUserMessage("Hi").build()).inputTokens();
        long large = client.messages().countTokens(MessageCountTokensParams.builder().model("claude-sonnet-4-5")
                .system("Answer as a patient geography teacher.").addTool(weatherTool())
                .addUserMessage("Which rivers cross more than three countries, and where do they end?").build())
                .inputTokens();

        assertThat(small).isPositive();
        assertThat(large).isGreaterThan(small + 10);
    }

    @Test
    void models_are_listed_in_the_anthropic_shape() {
        List<ModelInfo> models = new ArrayList<>();
        client.models().list().autoPager().forEach(models::add);

        assertThat(models).isNotEmpty();
        assertThat(models).allSatisfy(m -> assertThat(m.id()).isNotBlank());
    }
}
