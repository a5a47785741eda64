package com.codexmanager.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte reader builds the tree Gson's strict parse builds from the same text: hand-made texts for each token
 * kind and thousands of generated ones (odd spacing, every escape spelling, repeated names, deep nesting), compared
 * as trees and as the text they write back (which keeps each number's own spelling); and it refuses what the
 * strict parse refuses.
 */
class JsonTreeReaderTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "null", "true", "false", "0", "-0", "1.50", "1E3", "-0.5e+3", "12345678901234567890123",
        "\"\"", "\"plain\"", "\"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "\"système 漢 \uD83D\uDE00\"",
        "\"\\ud800 lone\"", "{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":{\"a\":[1,{\"a\":null}]}}",
        "  {\n\t\"input\" : [ { \"role\" : \"system\" , \"content\" : \"x\" } , \"y\" ] ,\r\n \"n\": -0.5e+3 } \n",
        "[[],[{}],[null,true,false,\"x\",1e-7]]", "{\"na\\u006de\":\"v\",\"\":\"empty name\"}",
        "\"0123456789abcdef0123456789abcdef with a \\\"quote\\\" after thirty-two plain bytes\""
    })
    void builds_the_tree_the_strict_parse_builds(String text) {
        assertSameAsGson(text);
    }

    @Test
    void builds_the_tree_of_generated_texts_as_the_strict_parse_does() {
        Random random = new Random(20261207);
        for (int n = 0; n < 3000; n++) {
            assertSameAsGson(anyValue(random, 4));
        }
    }

    @Test
    void numbers_keep_their_spelling_as_gson_keeps_it() {
        JsonElement tree = JsonTreeReader.parse(bytes("{\"a\":1.50,\"b\":1E3,\"c\":-0}"));
        JsonPrimitive a = tree.getAsJsonObject().getAsJsonPrimitive("a");
        assertThat(a.getAsNumber()).isInstanceOf(LazilyParsedNumber.class);
        assertThat(tree.toString()).isEqualTo("{\"a\":1.50,\"b\":1E3,\"c\":-0}");
    }

    @Test
    void whitespace_alone_is_null_as_the_strict_parse_answers() {
        assertThat(JsonTreeReader.parse(bytes(""))).isEqualTo(JsonNull.INSTANCE);
        assertThat(JsonTreeReader.parse(bytes(" \n\t "))).isEqualTo(Json.parse(" \n\t "));
    }

    @Test
    void a_leading_byte_order_mark_is_skipped_as_the_strict_parse_skips_it() {
        assertSameAsGson("\uFEFF{\"model\":\"m\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "}", "{\"a\":1,}", "{\"a\":1}x", "{\"a\":1}{}", "{'a':1}", "{a:1}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":NaN}",
        "{\"a\":tru}", "{\"a\":nul}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"open}", "{\"a\" 1}",
        "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\":1]}", "{/*c*/\"a\":1}", "{\"a\":1 // c\n}",
        "{\"a\":\"tab\there\"}", "{\"a\":[}", "{\"a\":1}}", "[1,2]]", "1 2", "\"a\" \"b\""})
    void refuses_what_the_strict_parse_refuses(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOfAny(JsonParseException.class,
                IllegalStateException.class);
        assertThatThrownBy(() -> JsonTreeReader.parse(bytes(text))).isInstanceOf(
                JsonBytes.MalformedJsonException.class);
    }

    @Test
    void refuses_bytes_that_are_not_utf8() {
        for (byte[] bad : List.of(new byte[] {'"', (byte) 0xC3, '"'},
                new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
                new byte[] {'"', (byte) 0xFF, '"'}, new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'})) {
            assertThatThrownBy(() -> JsonTreeReader.parse(bad)).isInstanceOf(JsonBytes.MalformedJsonException.class);
        }
    }

    @Test
    void numbers_are_limited_in_length_as_the_strict_parse_limits_them() {
        for (String longest : List.of("1".repeat(1023), "-" + "9".repeat(1022), "0." + "1".repeat(1021))) {
            assertSameAsGson("[" + longest + "]");
        }
        for (String tooLong : List.of("1".repeat(1024), "[" + "9".repeat(1024) + "]", "-" + "9".repeat(1023),
                "{\"a\":0." + "1".repeat(1022) + "}")) {
            assertThatThrownBy(() -> Json.parse(tooLong)).isInstanceOf(JsonParseException.class);
            assertThatThrownBy(() -> JsonTreeReader.parse(bytes(tooLong)))
                    .isInstanceOf(JsonBytes.MalformedJsonException.class);
        }
    }

    @Test
    void nesting_is_limited_as_the_strict_parse_limits_it() {
        assertSameAsGson("[".repeat(255) + "]".repeat(255));
        String tooDeep = "[".repeat(256) + "]".repeat(256);
        assertThatThrownBy(() -> Json.parse(tooDeep)).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> JsonTreeReader.parse(bytes(tooDeep)))
                .isInstanceOf(JsonBytes.MalformedJsonException.class);
    }

    private static void assertSameAsGson(String text) {
        JsonElement expected = Json.parse(text);
        JsonElement actual = JsonTreeReader.parse(bytes(text));
        assertThat(actual).as(text).isEqualTo(expected);
        assertThat(actual.toString()).as(text).isEqualTo(expected.toString());
        assertThat(kinds(actual)).as(text).isEqualTo(kinds(expected));
    }

    /** The classes of every node, in order, so that a number read as a string (or the like) cannot pass. */
    private static String kinds(JsonElement e) {
        if (e instanceof JsonObject o) {
            StringBuilder s = new StringBuilder("{");
            o.entrySet().forEach(m -> s.append(m.getKey()).append('=').append(kinds(m.getValue())).append(','));
            return s.append('}').toString();
        }
        if (e instanceof JsonArray a) {
            StringBuilder s = new StringBuilder("[");
            a.forEach(item -> s.append(kinds(item)).append(','));
            return s.append(']').toString();
        }
        if (e instanceof JsonPrimitive p) {
            return p.isNumber() ? p.getAsNumber().getClass().getSimpleName() : p.isBoolean() ? "bool" : "string";
        }
        return "null";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String anyValue(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 6, 7 -> {
                StringBuilder s = new StringBuilder("{" + space(random));
                int members = random.nextInt(4);
                for (int k = 0; k < members; k++) {
                    s.append(k == 0 ? "" : "," + space(random)).append(anyString(random, true)).append(space(random))
                            .append(':').append(space(random)).append(anyValue(random, depth - 1))
                            .append(space(random));
                }
                yield s.append('}').toString();
            }
            case 8 -> {
                StringBuilder s = new StringBuilder("[" + space(random));
                int items = random.nextInt(4);
                for (int k = 0; k < items; k++) {
                    s.append(k == 0 ? "" : space(random) + "," + space(random)).append(anyValue(random, depth - 1));
                }
                yield s.append(space(random)).append(']').toString();
            }
            default -> anyScalar(random);
        };
    }

    private static String anyScalar(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "false";
            case 3 -> Integer.toString(random.nextInt(2000) - 1000);
            case 4 -> List.of("-1.25e+2", "0.000", "1E-3", "-0", "3.14159265358979323846", "1e400").get(
                    random.nextInt(6));
            default -> anyString(random, false);
        };
    }

    private static String anyString(Random random, boolean name) {
        if (name && random.nextBoolean()) {
            return "\"" + List.of("a", "b", "k", "model").get(random.nextInt(4)) + "\"";
        }
        StringBuilder s = new StringBuilder("\"");
        int pieces = random.nextInt(6);
        for (int k = 0; k < pieces; k++) {
            s.append(switch (random.nextInt(10)) {
                case 0 -> "\\\"";
                case 1 -> "\\\\";
                case 2 -> "\\u00e9\\ud83d\\ude00";
                case 3 -> "\\n\\t\\/\\b\\f\\r";
                case 4 -> "système 漢 \uD83D\uDE00";
                case 5 -> "a plain run of ascii text longer than eight bytes";
                case 6 -> "\\u0000\\u001F\\u2028";
                default -> "w" + random.nextInt(100);
            });
        }
        return s.append('"').toString();
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
