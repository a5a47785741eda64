package com.codexmanager.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte writer gives exactly Gson's text, UTF-8 encoded: every character Gson escapes (and only those), the
 * characters outside the BMP and the unpaired surrogates, every kind of number, nulls in objects and arrays, empty
 * containers, on hand-made trees and thousands of generated ones.
 */
class JsonTreeWriterTest {
    @Test
    void writes_every_character_as_gson_writes_it() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        all.append("\uD83D\uDE00 \uFFFF \uFEFF \uD800 lone high, lone low \uDC00 end\uD800");
        assertSameAsGson(new JsonPrimitive(all.toString()));
        JsonObject named = new JsonObject();
        named.addProperty(all.toString(), "value");
        assertSameAsGson(named);
    }

    @Test
    void writes_every_kind_of_value_as_gson_writes_it() {
        JsonObject tree = new JsonObject();
        tree.add("null", JsonNull.INSTANCE);
        tree.addProperty("int", 42);
        tree.addProperty("long", Long.MIN_VALUE);
        tree.addProperty("double", 0.1);
        tree.addProperty("whole double", 2.0);
        tree.addProperty("nan", Double.NaN);
        tree.addProperty("infinity", Double.NEGATIVE_INFINITY);
        tree.addProperty("float", 1.5f);
        tree.addProperty("decimal", new BigDecimal("1.500"));
        tree.addProperty("big", new BigInteger("123456789012345678901234567890"));
        tree.add("lazy", new JsonPrimitive(new LazilyParsedNumber("1E3")));
        tree.addProperty("yes", true);
        tree.addProperty("no", false);
        tree.addProperty("char", 'c');
        tree.add("empty array", new JsonArray());
        tree.add("empty object", new JsonObject());
        JsonArray mixed = new JsonArray();
        mixed.add(JsonNull.INSTANCE);
        mixed.add((String) null);
        mixed.add(new JsonArray());
        mixed.add("x");
        tree.add("mixed", mixed);
        assertSameAsGson(tree);
        assertSameAsGson(JsonNull.INSTANCE);
        assertSameAsGson(new JsonArray());
    }

    @Test
    void refuses_a_number_whose_text_is_not_json_as_gson_does() {
        Number odd = new Number() {
            @Override
            public int intValue() {
                return 1;
            }

            @Override
            public long longValue() {
                return 1;
            }

            @Override
            public float floatValue() {
                return 1;
            }

            @Override
            public double doubleValue() {
                return 1;
            }

            @Override
            public String toString() {
                return "one";
            }
        };
        JsonArray tree = new JsonArray();
        tree.add(odd);
        assertThatThrownBy(tree::toString).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonTreeWriter.utf8(tree)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writes_generated_trees_as_gson_writes_them() {
        Random random = new Random(20261207);
        for (int n = 0; n < 3000; n++) {
            assertSameAsGson(anyValue(random, 4));
        }
    }

    private static void assertSameAsGson(JsonElement tree) {
        assertThat(JsonTreeWriter.utf8(tree)).isEqualTo(tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonElement anyValue(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 9 : 6)) {
            case 0 -> {
                return JsonNull.INSTANCE;
            }
            case 1 -> {
                return new JsonPrimitive(random.nextBoolean());
            }
            case 2 -> {
                return new JsonPrimitive(random.nextInt(3) == 0 ? (Number) random.nextDouble()
                        : random.nextBoolean() ? random.nextLong() : new LazilyParsedNumber("-1.25e+2"));
            }
            case 6, 7 -> {
                JsonObject object = new JsonObject();
                int members = random.nextInt(4);
                for (int k = 0; k < members; k++) {
                    object.add(anyText(random), anyValue(random, depth - 1));
                }
                return object;
            }
            case 8 -> {
                JsonArray array = new JsonArray();
                int items = random.nextInt(4);
                for (int k = 0; k < items; k++) {
                    array.add(anyValue(random, depth - 1));
                }
                return array;
            }
            default -> {
                return new JsonPrimitive(anyText(random));
            }
        }
    }

    private static String anyText(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(40);
        for (int k = 0; k < length; k++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                s.append((char) (' ' + random.nextInt(95)));
            } else if (kind == 5) {
                s.append((char) random.nextInt(0x20));
            } else if (kind == 6) {
                s.append("\"\\/\u007f\u2028\u2029".charAt(random.nextInt(6)));
            } else if (kind == 7) {
                s.append("é漢\uD83D\uDE00");
            } else if (kind == 8) {
                s.append((char) (0xD800 + random.nextInt(0x800)));
            } else {
                s.append((char) random.nextInt(0x10000));
            }
        }
        return s.toString();
    }
}
