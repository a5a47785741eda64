package com.codexmanager.apikey;

import com.codexmanager.rpc.RpcException;
import com.codexmanager.rpc.RpcParams;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Reads the {@code limits} parameter of {@code apikey/create} and {@code apikey/update}: {@code null} removes both
 * limits; inside the object a number sets a limit, {@code null} removes it and an absent field keeps the current
 * value; unknown fields are refused (a typo must not silently leave a key unlimited). Errors name the field, e.g.
 * {@code limits.requestsPerMinute}. Stateless.
 */
final class KeyLimitsParam {
    static final String REQUESTS_PER_MINUTE = "requestsPerMinute";
    static final String TOKENS_PER_DAY = "tokensPerDay";
    private static final Set<String> FIELDS = Set.of(REQUESTS_PER_MINUTE, TOKENS_PER_DAY);

    private KeyLimitsParam() {
    }

    /** The limits after applying the parameter to {@code current}; {@code current} when the parameter is absent. */
    static KeyLimits parse(RpcParams params, KeyLimits current) {
        if (!params.present("limits")) {
            return current;
        }
        JsonElement raw = params.raw().get("limits");
        if (raw.isJsonNull()) {
            return KeyLimits.NONE;
        }
        if (!raw.isJsonObject()) {
            throw RpcException.invalidParams("limits", "must be an object {requestsPerMinute, tokensPerDay} or null");
        }
        JsonObject limits = raw.getAsJsonObject();
        for (String field : limits.keySet()) {
            if (!FIELDS.contains(field)) {
                throw RpcException.invalidParams("limits." + field, "is not a limit (use requestsPerMinute or "
                        + "tokensPerDay)");
            }
        }
        Long rpm = number(limits, REQUESTS_PER_MINUTE, current.requestsPerMinute() == null ? null
                : current.requestsPerMinute().longValue());
        Long tpd = number(limits, TOKENS_PER_DAY, current.tokensPerDay());
        if (rpm != null && rpm > Integer.MAX_VALUE) {
            throw ApiKeyException.invalid("limits." + REQUESTS_PER_MINUTE, "is too large");
        }
        return new KeyLimits(rpm == null ? null : rpm.intValue(), tpd);
    }

    private static Long number(JsonObject limits, String field, Long current) {
        if (!limits.has(field)) {
            return current;
        }
        JsonElement value = limits.get(field);
        if (value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw RpcException.invalidParams("limits." + field, "must be a whole number or null");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value.getAsString());
        } catch (NumberFormatException e) {
            throw RpcException.invalidParams("limits." + field, "must be a whole number or null");
        }
        if (number.stripTrailingZeros().scale() > 0) {
            throw RpcException.invalidParams("limits." + field, "must be a whole number or null");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw ApiKeyException.invalid("limits." + field, "is too large");
        }
    }
}
