package com.codexmanager.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A quoted string reads exactly as Gson writes the same string. */
class JsonStringsTest {
    @Test
    void quotes_every_character_as_gson_does() {
        for (char c = 0; c < 0x3000; c++) {
            String s = "a" + c + "b";
            assertThat(JsonStrings.quoted(s)).as("U+%04X", (int) c).isEqualTo(new JsonPrimitive(s).toString());
        }
        String odd = "\uD83D\uDE00 \uD800 lone \uDC00 \u2028\u2029\u007f";
        assertThat(JsonStrings.quoted(odd)).isEqualTo(new JsonPrimitive(odd).toString());
        assertThat(JsonStrings.quoted("")).isEqualTo("\"\"");
        assertThat(JsonStrings.quoted(null)).isEqualTo(JsonNull.INSTANCE.toString());
    }

    @Test
    void quotes_generated_strings_as_gson_does() {
        Random random = new Random(20261207);
        for (int n = 0; n < 5000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(30);
            for (int k = 0; k < length; k++) {
                s.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x40) : (char) random.nextInt(0x10000));
            }
            assertThat(JsonStrings.quoted(s.toString())).isEqualTo(new JsonPrimitive(s.toString()).toString());
        }
    }
}
