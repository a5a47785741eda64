package com.codexmanager.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.codexmanager.json.Json;
import com.codexmanager.testkit.ServiceHarness;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strict parameter contract of every RPC method, checked over the method list the service publishes: an
 * undeclared name is -32602 naming it and listing the known ones, and a number no parameter can hold is -32602 too,
 * never accepted and never an internal error (-32603).
 */
class RpcContractTest {
    private static final List<String> HUGE_NUMBERS = List.of("1e30", "9223372036854775807", "-9223372036854775808",
            "99999999999999999999");
    /** The declared types that take a number (RpcParam's {@code type}). */
    private static final Set<String> NUMERIC_TYPES = Set.of("integer", "number");
    /** Plausible values for required parameters, so a call gets past them to the number under test. */
    private static final Map<String, String> SAMPLES = Map.of("protocolType", "\"openai\"", "name", "\"fuzz\"");

    @TempDir
    static Path dir;
    static ServiceHarness harness;

    @BeforeAll
    static void start() {
        harness = ServiceHarness.start(dir);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void a_misspelt_parameter_is_refused_with_its_name_and_the_known_names() {
        JsonObject error = call("account/list", "{\"groupFiltr\":\"team\"}");

        assertThat(error.get("code").getAsInt()).isEqualTo(-32602);
        assertThat(error.get("message").getAsString())
                .contains("unknown parameter groupFiltr for account/list")
                .contains("known parameters: query, groupFilter");
        assertThat(error.getAsJsonObject("data").get("field").getAsString()).isEqualTo("groupFiltr");
        assertThat(error.getAsJsonObject("data").getAsJsonArray("known").toString()).contains("\"pageSize\"");
    }

    @Test
    void every_method_refuses_an_undeclared_parameter() {
        for (JsonObject method : methods()) {
            String name = method.get("name").getAsString();
            if (name.equals("appSettings/set")) {
                continue; // declares "<settingKey>": it names unknown settings itself (AppSettingsRpcTest)
            }

            JsonObject error = call(name, "{\"definitelyNotAParam\":1}");

            assertThat(error).as(name).isNotNull();
            assertThat(error.get("code").getAsInt()).as(name).isEqualTo(-32602);
            assertThat(error.get("message").getAsString()).as(name).contains("definitelyNotAParam");
        }
    }

    @Test
    void an_unknown_setting_is_refused_by_app_settings_set() {
        JsonObject error = call("appSettings/set", "{\"routeStrategi\":\"ordered\"}");

        assertThat(error.get("code").getAsInt()).isEqualTo(-32602);
        assertThat(error.get("message").getAsString()).contains("routeStrategi");
    }

    @Test
    void an_expiry_of_1e30_is_an_invalid_parameter_not_an_internal_error() {
        JsonObject error = call("apikey/create", "{\"name\":\"k\",\"protocolType\":\"openai\",\"expiresAt\":1e30}");

        assertThat(error.get("code").getAsInt()).isEqualTo(-32602);
        assertThat(error.get("message").getAsString()).startsWith("expiresAt:");
    }

    @Test
    void a_history_end_of_long_max_is_an_invalid_parameter() {
        JsonObject error = call("account/usage/history", "{\"accountId\":\"acc_x\",\"to\":9223372036854775807}");

        assertThat(error.get("code").getAsInt()).isEqualTo(-32602);
        assertThat(error.get("message").getAsString()).contains("to:").contains("year 9999");
    }

    /**
     * Every parameter declared {@code integer} or {@code number}, given a number no field can hold, is refused as an
     * invalid parameter (-32602): not accepted and truncated, not an internal error (-32603).
     */
    @Test
    void no_numeric_parameter_of_any_method_takes_a_huge_number_it_is_an_invalid_parameter() {
        List<String> checked = new ArrayList<>();
        for (JsonObject method : methods()) {
            String name = method.get("name").getAsString();
            for (JsonElement p : method.getAsJsonArray("params")) {
                JsonObject param = p.getAsJsonObject();
                if (!NUMERIC_TYPES.contains(param.get("type").getAsString())) {
                    continue;
                }
                for (String number : HUGE_NUMBERS) {
                    String params = requiredParams(method, param.get("name").getAsString(), number);

                    assertInvalidParams(name, params);
                }
                checked.add(name + "." + param.get("name").getAsString());
            }
        }
        assertThat(checked).contains("apikey/create.expiresAt", "account/usage/history.to", "requestlog/list.from",
                "account/list.pageSize", "account/update.sort");
    }

    /** The numbers inside {@code limits} (declared as an object) are held to the same contract. */
    @Test
    void a_huge_number_inside_a_key_limit_is_an_invalid_parameter() {
        for (String field : List.of("requestsPerMinute", "tokensPerDay")) {
            for (String number : HUGE_NUMBERS) {
                assertInvalidParams("apikey/create", "{\"name\":\"k\",\"protocolType\":\"openai\",\"limits\":{\""
                        + field + "\":" + number + "}}");
            }
        }
    }

    private static void assertInvalidParams(String method, String params) {
        JsonObject error = call(method, params);

        assertThat(error).as(method + " " + params + " was accepted").isNotNull();
        assertThat(error.get("code").getAsInt()).as(method + " " + params + ": " + error).isEqualTo(-32602);
        assertThat(error.get("message").getAsString()).as(method + " " + params).doesNotContain("Exception");
    }

    private static String requiredParams(JsonObject method, String numberParam, String number) {
        StringBuilder out = new StringBuilder("{\"").append(numberParam).append("\":").append(number);
        for (JsonElement p : method.getAsJsonArray("params")) {
            JsonObject param = p.getAsJsonObject();
            String name = param.get("name").getAsString();
            if (!param.get("required").getAsBoolean() || name.equals(numberParam)) {
                continue;
            }
            String value = SAMPLES.getOrDefault(name, switch (param.get("type").getAsString()) {
                case "array" -> "[]";
                case "object" -> "{}";
                case "boolean" -> "false";
                case "integer", "number" -> "1";
                default -> "\"x\"";
            });
            out.append(",\"").append(name).append("\":").append(value);
        }
        return out.append('}').toString();
    }

    private static List<JsonObject> methods() {
        JsonArray methods = harness.rpc().call("rpc/methods").getAsJsonArray("methods");
        List<JsonObject> out = new ArrayList<>();
        methods.forEach(m -> out.add(m.getAsJsonObject()));
        return out;
    }

    /** The error of a call, or null when it succeeded. */
    private static JsonObject call(String method, String params) {
        HttpResponse<String> response = harness.rpc().post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                + "\",\"params\":" + params + "}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = Json.object(response.body());
        return body.has("error") ? body.getAsJsonObject("error") : null;
    }
}
