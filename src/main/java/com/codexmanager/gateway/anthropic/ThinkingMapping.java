package com.codexmanager.gateway.anthropic;

import static com.codexmanager.gateway.protocol.JsonFields.number;
import static com.codexmanager.gateway.protocol.JsonFields.string;

import com.codexmanager.gateway.protocol.AdapterException;
import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * Anthropic {@code thinking} and {@code output_config.effort} → Responses {@code reasoning} (codex-protocol.md
 * §6.2): a budget maps to an effort by size, adaptive thinking takes the requested effort (else {@code xhigh}),
 * disabled thinking is {@code none}, and no thinking at all is {@code medium} (or the requested effort). Summaries
 * are asked for unless thinking is disabled or its display is {@code omitted}. Stateless.
 */
final class ThinkingMapping {
    private ThinkingMapping() {
    }

    static JsonObject reasoning(JsonObject thinking, JsonObject outputConfig) {
        String requested = effort(string(outputConfig, "effort"));
        String type = thinking == null ? null : string(thinking, "type");
        String effort;
        if (type == null) {
            effort = requested == null ? "medium" : requested;
        } else {
            effort = switch (type) {
                case "enabled" -> byBudget(number(thinking, "budget_tokens", 8192));
                case "adaptive" -> requested == null ? "xhigh" : requested;
                case "disabled" -> "none";
                default -> throw AdapterException.invalid("thinking.type", "must be enabled, adaptive or disabled");
            };
        }
        JsonObject reasoning = new JsonObject();
        reasoning.addProperty("effort", effort);
        if (!"none".equals(effort) && !"omitted".equals(string(thinking, "display"))) {
            reasoning.addProperty("summary", "auto");
        }
        return reasoning;
    }

    /** Budget tokens → effort: 0 none, ≤512 minimal, ≤1024 low, ≤8192 medium, ≤24576 high, more xhigh. */
    static String byBudget(long budget) {
        if (budget < 0) {
            return "medium";
        }
        if (budget == 0) {
            return "none";
        }
        if (budget <= 512) {
            return "minimal";
        }
        if (budget <= 1024) {
            return "low";
        }
        if (budget <= 8192) {
            return "medium";
        }
        return budget <= 24576 ? "high" : "xhigh";
    }

    private static String effort(String anthropicEffort) {
        if (anthropicEffort == null || anthropicEffort.isBlank()) {
            return null;
        }
        String e = anthropicEffort.trim().toLowerCase(Locale.ROOT);
        return "max".equals(e) ? "xhigh" : e;
    }
}
