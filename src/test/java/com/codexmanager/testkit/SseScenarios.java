package com.codexmanager.testkit;

import com.codexmanager.testkit.ResponseEvents.MessageEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a streaming {@link Scenario} into a {@link StreamPlan} (codex-protocol.md §2.7, §9.2). Immutable. */
final class SseScenarios {
    static final String OVERLOADED_MESSAGE = "Our servers are currently overloaded. Please try again later.";
    static final String AT_CAPACITY_MESSAGE = "Selected model is at capacity. Please try a different model.";
    static final String PATCH = "*** Begin Patch\n*** Add File: hello.txt\n+hello\n*** End Patch\n";

    private final Duration stall;
    private final Duration drip;

    SseScenarios(FakeUpstreamOptions options) {
        this.stall = options.stallDuration();
        this.drip = options.dripInterval();
    }

    StreamPlan plan(Scenario scenario, ResponseContext context) {
        return switch (scenario) {
            case SLOW_FIRST_BYTE -> new StreamPlan(stall, text(context, context.reasoningRequested()));
            case STALL_AFTER_HEADERS -> StreamPlan.of(prepend(new StreamStep.Pause(stall), text(context, false)));
            case STALL_MID_STREAM -> StreamPlan.of(afterFirstDelta(text(context, false), new StreamStep.Pause(stall)));
            case DROP_MID_STREAM -> StreamPlan.of(cutAfterFirstDelta(text(context, false), drip));
            case SLOW_DRIP -> StreamPlan.of(dripped(text(context, false)));
            default -> StreamPlan.of(steps(scenario, context));
        };
    }

    private List<StreamStep> steps(Scenario scenario, ResponseContext context) {
        ResponseEvents events = new ResponseEvents(context).start();
        boolean reasoning = context.reasoningRequested();
        switch (scenario) {
            case TEXT -> textBody(events, context, reasoning).completed(true);
            case TEXT_WITHOUT_REASONING -> textBody(events, context, false).completed(true);
            case TEXT_WITH_REASONING -> textBody(events, context, true).completed(true);
            case EMPTY_COMPLETED_OUTPUT -> textBody(events, context, reasoning).completed(false);
            case FUNCTION_CALL -> withReasoning(events, reasoning)
                    .functionCall(functionName(context, 0), callId(context, 0), "{\"city\":\"Oslo\"}").completed(true);
            case PARALLEL_FUNCTION_CALLS -> withReasoning(events, reasoning)
                    .functionCall(functionName(context, 0), callId(context, 0), "{\"city\":\"Oslo\"}")
                    .functionCall(functionName(context, 1), callId(context, 1), "{\"city\":\"Paris\"}")
                    .completed(true);
            case CUSTOM_TOOL_CALL -> withReasoning(events, reasoning)
                    .customToolCall(customName(context), callId(context, 0), PATCH).completed(true);
            case INCOMPLETE_MAX_OUTPUT_TOKENS -> events.message(context.replyText(), MessageEnd.INCOMPLETE)
                    .incomplete("max_output_tokens");
            case INCOMPLETE_CONTENT_FILTER -> events.message(context.replyText(), MessageEnd.INCOMPLETE)
                    .incomplete("content_filter");
            case FAILED_CONTEXT_LENGTH_EXCEEDED -> events.failed("context_length_exceeded",
                    "Your input exceeds the context window of this model. Please adjust your input and try again.");
            case FAILED_INSUFFICIENT_QUOTA -> events.failed("insufficient_quota",
                    "You exceeded your current quota, please check your plan and billing details.");
            case FAILED_USAGE_NOT_INCLUDED -> events.failed("usage_not_included",
                    "Your ChatGPT plan does not include Codex. Upgrade your plan to use Codex.");
            case FAILED_INVALID_PROMPT -> events.failed("invalid_prompt",
                    "Invalid prompt: your prompt was flagged as potentially violating our usage policy.");
            case FAILED_SERVER_IS_OVERLOADED -> events.failed("server_is_overloaded", OVERLOADED_MESSAGE);
            case FAILED_SERVER_ERROR -> events.failed("server_error", "An error occurred while processing your "
                    + "request. You can retry your request.");
            case FAILED_RATE_LIMIT_EXCEEDED -> events.failed("rate_limit_exceeded",
                    "Rate limit reached for " + context.model() + ". Please try again in 1.5s.");
            case ERROR_BEFORE_OUTPUT -> events.error("server_error", "server_is_overloaded", OVERLOADED_MESSAGE);
            case ERROR_AFTER_OUTPUT -> events.message(context.replyText(), MessageEnd.OPEN)
                    .error("server_error", "server_is_overloaded", OVERLOADED_MESSAGE);
            case MODEL_AT_CAPACITY -> events.error("server_error", null, AT_CAPACITY_MESSAGE);
            default -> throw new IllegalArgumentException("not a streaming scenario: " + scenario);
        }
        return events.steps();
    }

    private static List<StreamStep> text(ResponseContext context, boolean reasoning) {
        return textBody(new ResponseEvents(context).start(), context, reasoning).completed(true).steps();
    }

    private static ResponseEvents textBody(ResponseEvents events, ResponseContext context, boolean reasoning) {
        return withReasoning(events, reasoning).message(context.replyText(), MessageEnd.COMPLETED);
    }

    private static ResponseEvents withReasoning(ResponseEvents events, boolean reasoning) {
        return reasoning ? events.reasoning() : events;
    }

    private static String functionName(ResponseContext context, int index) {
        List<String> tools = context.functionTools();
        if (tools.isEmpty()) {
            return "get_weather";
        }
        return tools.get(Math.min(index, tools.size() - 1));
    }

    private static String customName(ResponseContext context) {
        return context.customTools().isEmpty() ? "apply_patch" : context.customTools().get(0);
    }

    private static String callId(ResponseContext context, int index) {
        return String.format("call_fake%06d_%d", context.serial(), index);
    }

    private static List<StreamStep> prepend(StreamStep first, List<StreamStep> rest) {
        List<StreamStep> steps = new ArrayList<>();
        steps.add(first);
        steps.addAll(rest);
        return steps;
    }

    private static List<StreamStep> afterFirstDelta(List<StreamStep> steps, StreamStep inserted) {
        List<StreamStep> result = new ArrayList<>(steps);
        result.add(firstDeltaIndex(steps) + 1, inserted);
        return result;
    }

    /** The pause before the cut lets clients read the partial output before they see the reset. */
    private static List<StreamStep> cutAfterFirstDelta(List<StreamStep> steps, Duration graceBeforeCut) {
        List<StreamStep> result = new ArrayList<>(steps.subList(0, firstDeltaIndex(steps) + 1));
        result.add(new StreamStep.Pause(graceBeforeCut));
        result.add(new StreamStep.Drop());
        return result;
    }

    private static int firstDeltaIndex(List<StreamStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof StreamStep.Emit emit && emit.type().equals("response.output_text.delta")) {
                return i;
            }
        }
        throw new IllegalStateException("the text script has no output_text.delta");
    }

    private List<StreamStep> dripped(List<StreamStep> steps) {
        List<StreamStep> result = new ArrayList<>();
        for (StreamStep step : steps) {
            if (!result.isEmpty()) {
                result.add(new StreamStep.Pause(drip));
            }
            result.add(step);
        }
        return result;
    }
}
