package com.codexmanager.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codexmanager.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-range rewrite of a Responses body gives what the tree normaliser gives, member for member, on hand-made
 * bodies for every rule and on thousands of generated ones (odd spacing, escapes, repeated names, every kind of
 * value where each field is expected), and refuses exactly the bodies the strict tree parse refuses.
 */
class ResponsesBodyTest {
    private static final String MODEL = "gpt-5.4";

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"model\":\"m\",\"input\":\"hi\"}",
        "{\"input\":[{\"role\":\"system\",\"content\":\"be brief\",\"id\":\"msg_1\"},\"plain\",42,true,null,[1],"
                + "{\"type\":\"function_call_output\",\"id\":\"x\",\"call_id\":\"c\",\"output\":\"ok\"}]}",
        "{\"input\":{\"not\":\"an array\"},\"instructions\":{\"obj\":1}}",
        "{\"input\":null,\"instructions\":null,\"stream\":false,\"store\":true}",
        "{\"instructions\":7,\"temperature\":0.2,\"max_output_tokens\":99,\"metadata\":{\"a\":\"b\"},\"user\":\"u\"}",
        "{\"reasoning\":{\"effort\":\"high\",\"summary\":\"auto\"},\"include\":[\"x\"]}",
        "{\"reasoning\":{\"summary\":\"auto\"},\"include\":[\"reasoning.encrypted_content\"]}",
        "{\"reasoning\":{},\"include\":[ ]}",
        "{\"reasoning\":{},\"include\":\"not an array\"}",
        "{\"reasoning\":\"low\",\"include\":[\"a\"]}",
        "{\"service_tier\":\"priority\"}",
        "{\"service_tier\":\"flex\"}",
        "{\"service_tier\":null}",
        "{\"parallel_tool_calls\":true}",
        "{\"parallel_tool_calls\":true,\"tools\":[]}",
        "{\"parallel_tool_calls\":true,\"tools\":[{\"type\":\"function\",\"name\":\"f\"}]}",
        "{\"parallel_tool_calls\":true,\"tools\":{\"type\":\"function\"}}",
        "{\"model\":\"a\",\"model\":\"b\",\"input\":[{\"role\":\"user\",\"role\":\"system\",\"content\":[]}]}",
        "{\"mod\\u0065l\":\"x\",\"inp\\u0075t\":\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\n\","
                + "\"prompt_cache_key\":\"k\"}",
        "  {\n\t\"input\" : [ { \"role\" : \"system\" , \"content\" : \"x\" } , \"y\" ] ,\r\n \"n\": -0.5e+3 } \n",
        "{}",
        "{\"input\":[{\"role\":\"developer\",\"type\":\"message\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"é漢\"}]}]}",
        "{\"input\":[{\"id\":\"only an id\"}],\"include\":[],\"background\":true,\"stream_options\":{}}"
    })
    void rewrites_each_rule_as_the_tree_normaliser_does(String body) {
        for (Optional<String> effort : List.of(Optional.<String>empty(), Optional.of("minimal"))) {
            for (boolean compact : new boolean[] {false, true}) {
                assertSameAsTree(body, effort, compact);
            }
        }
    }

    @Test
    void rewrites_generated_bodies_as_the_tree_normaliser_does() {
        Random random = new Random(20261206);
        for (int n = 0; n < 3000; n++) {
            String body = generatedBody(random);
            Optional<String> effort = random.nextInt(3) == 0 ? Optional.of("high") : Optional.empty();
            assertSameAsTree(body, effort, random.nextInt(5) == 0);
        }
    }

    @Test
    void reads_the_fields_routing_needs_as_the_tree_does() {
        ResponsesBody body = scan("{\"model\":\"gpt-5.4\",\"stream\":true,\"prompt_cache_key\":\"conv-1\","
                + "\"reasoning\":{\"effort\":\"low\"}}");
        assertThat(body.model()).isEqualTo("gpt-5.4");
        assertThat(body.stream(false)).isTrue();
        assertThat(body.promptCacheKey()).isEqualTo("conv-1");
        assertThat(body.toUpstream(MODEL, Optional.empty(), false).reasoningEffort()).isEqualTo("low");
        assertThat(body.toUpstream(MODEL, Optional.of("high"), false).reasoningEffort()).isEqualTo("high");

        ResponsesBody odd = scan("{\"model\":{\"x\":1},\"stream\":\"yes\",\"prompt_cache_key\":\"  \","
                + "\"reasoning\":[]}");
        assertThat(odd.model()).isNull();
        assertThat(odd.stream(false)).isFalse();
        assertThat(odd.stream(true)).isTrue();
        assertThat(odd.promptCacheKey()).isNull();
        assertThat(odd.toUpstream(MODEL, Optional.empty(), false).reasoningEffort()).isNull();
        assertThat(scan("{\"model\":5}").model()).isEqualTo("5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "}", "{\"a\":1,}", "{\"a\":1}x", "{\"a\":1}{}", "{'a':1}", "{a:1}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":NaN}",
        "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"open}", "{\"a\" 1}",
        "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\":1]}", "{/*c*/\"a\":1}", "{\"a\":1 // c\n}",
        "{\"a\":\"tab\there\"}", "[1,2]", "\"text\"", "null", "42", "{\"a\":[}", "{\"a\":1}}"})
    void refuses_what_the_strict_tree_parse_refuses(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> treeParse(body)).as("the tree parse refuses it too")
                .isInstanceOfAny(JsonParseException.class, IllegalStateException.class, AdapterException.class);
        assertThatThrownBy(() -> ResponsesBody.scan(bytes)).isInstanceOfSatisfying(AdapterException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_json");
        });
    }

    @Test
    void refuses_bytes_that_are_not_utf8() {
        for (byte[] bad : List.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'})) {
            assertThatThrownBy(() -> ResponsesBody.scan(bad)).isInstanceOf(AdapterException.class)
                    .hasMessageContaining("not valid JSON");
        }
        assertThat(scan("{\"a\":\"\uD83D\uDE00 é 漢\"}").toUpstream(MODEL, Optional.empty(), false).bytes())
                .asString(StandardCharsets.UTF_8).contains("\uD83D\uDE00 é 漢");
    }

    @Test
    void nesting_is_limited_as_the_tree_parse_limits_it() {
        String deepest = "[".repeat(254) + "]".repeat(254);
        byte[] upstream = scan("{\"tools\":" + deepest + ",\"input\":\"x\"}").toUpstream(MODEL, Optional.empty(), false)
                .bytes();
        assertThat(new String(upstream, StandardCharsets.UTF_8)).contains(deepest);
        String tooDeep = "{\"tools\":" + "[".repeat(255) + "]".repeat(255) + "}";
        assertThatThrownBy(() -> treeParse(tooDeep)).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> scan(tooDeep)).isInstanceOf(AdapterException.class);
        assertThatThrownBy(() -> scan("[".repeat(1_000_000))).isInstanceOf(AdapterException.class);
    }

    @Test
    void a_leading_byte_order_mark_is_skipped_as_the_tree_parse_skips_it() {
        String body = "\uFEFF{\"model\":\"m\",\"input\":\"hi\"}";
        assertThat(treeParse(body).get("model").getAsString()).isEqualTo("m");
        assertSameAsTree(body, Optional.empty(), false);
    }

    @Test
    void forwards_the_conversation_bytes_unchanged() {
        String item = "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"\\u00e9 keeps its escape, 1.50 keeps its zero\"}]}";
        String upstream = new String(scan("{\"input\":[" + item + "],\"tools\":[{\"n\":1.50}]}")
                .toUpstream(MODEL, Optional.empty(), false).bytes(), StandardCharsets.UTF_8);
        assertThat(upstream).contains(item).contains("[{\"n\":1.50}]");
    }

    private static void assertSameAsTree(String body, Optional<String> effort, boolean compact) {
        JsonObject expected = ResponsesRequestNormaliser.normalise(treeParse(body), Optional.of(MODEL), effort);
        if (compact) {
            expected.remove("stream");
            expected.remove("store");
            expected.remove("include");
        }
        ResponsesBody.Upstream upstream = scan(body).toUpstream(MODEL, effort, compact);
        JsonElement actual = Json.parse(new String(upstream.bytes(), StandardCharsets.UTF_8));
        assertThat(actual).as("%s (effort %s, compact %s) became %s", body, effort, compact,
                new String(upstream.bytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(upstream.reasoningEffort()).as(body)
                .isEqualTo(JsonFields.string(JsonFields.object(expected, "reasoning"), "effort"));
        assertThat(scan(body).model()).isEqualTo(JsonFields.string(treeParse(body), "model"));
    }

    private static JsonObject treeParse(String body) {
        JsonElement parsed = Json.parse(body);
        if (parsed == null || !parsed.isJsonObject()) {
            throw new IllegalStateException("not an object");
        }
        return parsed.getAsJsonObject();
    }

    private static ResponsesBody scan(String body) {
        return ResponsesBody.scan(body.getBytes(StandardCharsets.UTF_8));
    }

    private static final String[] FIELDS = {"model", "stream", "store", "instructions", "input", "reasoning",
        "include", "tools", "parallel_tool_calls", "service_tier", "prompt_cache_key", "temperature", "metadata",
        "previous_response_id", "text", "tool_choice", "x-extra"};

    private static String generatedBody(Random random) {
        List<String> members = new ArrayList<>();
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            String name = FIELDS[random.nextInt(FIELDS.length)];
            String value = switch (name) {
                case "input" -> random.nextInt(4) == 0 ? anyValue(random, 2) : inputArray(random);
                case "reasoning" -> random.nextBoolean() ? "{\"effort\":" + anyScalar(random) + ",\"summary\":\"auto\"}"
                        : anyValue(random, 1);
                case "include" -> random.nextBoolean()
                        ? "[" + (random.nextBoolean() ? "\"reasoning.encrypted_content\"" : "\"x\"") + "]"
                        : anyValue(random, 1);
                case "tools" -> random.nextBoolean() ? "[]" : "[{\"type\":\"function\",\"name\":\"f\"}]";
                case "service_tier" -> random.nextBoolean() ? "\"priority\"" : anyScalar(random);
                default -> anyValue(random, 2);
            };
            members.add(quoted(name, random) + space(random) + ":" + space(random) + value);
        }
        return space(random) + "{" + space(random) + String.join("," + space(random), members) + space(random) + "}"
                + space(random);
    }

    private static String inputArray(Random random) {
        List<String> items = new ArrayList<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            items.add(switch (random.nextInt(6)) {
                case 0 -> anyScalar(random);
                case 1 -> "null";
                case 2 -> "[" + anyScalar(random) + "]";
                default -> {
                    List<String> members = new ArrayList<>();
                    if (random.nextBoolean()) {
                        members.add("\"id\":" + anyScalar(random));
                    }
                    if (random.nextInt(4) != 0) {
                        members.add("\"role\":" + (random.nextBoolean() ? "\"system\"" : anyScalar(random)));
                    }
                    if (random.nextBoolean()) {
                        members.add("\"type\":\"message\"");
                    }
                    members.add("\"content\":" + anyValue(random, 1));
                    if (random.nextInt(8) == 0) {
                        members.add("\"role\":\"sys\\u0074em\"");
                    }
                    yield "{" + String.join("," + space(random), members) + "}";
                }
            });
        }
        return "[" + space(random) + String.join(space(random) + "," + space(random), items) + space(random) + "]";
    }

    private static String anyValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 5 -> "[" + anyValue(random, depth - 1) + "," + anyScalar(random) + "]";
            case 6 -> "{\"k\":" + anyValue(random, depth - 1) + ",\"k2\":" + anyScalar(random) + "}";
            default -> anyScalar(random);
        };
    }

    private static String anyScalar(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "false";
            case 3 -> Integer.toString(random.nextInt(2000) - 1000);
            case 4 -> "-1.25e+2";
            case 5 -> "\"\\\"q\\\\ \\u00e9 \\ud83d\\ude00 \\n\"";
            case 6 -> "\"système 漢\"";
            default -> "\"v" + random.nextInt(100) + "\"";
        };
    }

    private static String quoted(String name, Random random) {
        if (random.nextInt(10) == 0 && !name.isEmpty()) {
            return "\"\\u" + String.format("%04x", (int) name.charAt(0)) + name.substring(1) + "\"";
        }
        return "\"" + name + "\"";
    }

    private static String space(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            case 2 -> "\t";
            default -> "";
        };
    }
}
