package dev.kryten.llm.plugins.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import java.time.Duration;

/** Reads the chat-completions response body; every way it can be unusable becomes a {@link ProviderError.BadResponse}. */
final class OpenAiResponses {
    private static final int MAX_DETAIL = 200;

    private OpenAiResponses() {}

    static Completion parse(ObjectMapper json, String body, String configuredModel, Duration latency) throws ProviderException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("body is not JSON (" + e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*", "") + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad("body is not a JSON object");
        }
        JsonNode choices = root.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            throw bad("no choices in the answer");
        }
        JsonNode content = choices.get(0).path("message").path("content");
        if (!content.isTextual() || content.asText().isBlank()) {
            String finish = choices.get(0).path("finish_reason").asText("unknown");
            throw bad("empty message content (finish_reason " + finish + ")");
        }
        JsonNode usage = root.path("usage");
        Completion.Usage tokens = usage.isObject()
                ? new Completion.Usage(usage.path("prompt_tokens").asInt(-1), usage.path("completion_tokens").asInt(-1))
                : Completion.Usage.UNKNOWN;
        String model = root.path("model").asText(configuredModel);
        return new Completion(content.asText(), model.isEmpty() ? configuredModel : model, tokens, latency);
    }

    /** The server's own error message when it sent one ({@code {"error":{"message":...}}}), else the start of the body. */
    static String errorDetail(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String detail;
        try {
            JsonNode root = json.readTree(body);
            JsonNode error = root.path("error");
            detail = error.isObject() ? error.path("message").asText(error.toString())
                    : error.isTextual() ? error.asText() : body;
        } catch (JsonProcessingException e) {
            detail = body;
        }
        detail = detail.replaceAll("\\s+", " ").strip();
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
    }

    private static ProviderException bad(String detail) {
        return new ProviderException(new ProviderError.BadResponse(detail));
    }
}
