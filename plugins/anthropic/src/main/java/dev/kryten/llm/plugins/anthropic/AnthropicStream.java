package dev.kryten.llm.plugins.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import java.time.Duration;

/** Collects a Messages API event stream: text deltas, usage from message_start and message_delta, until message_stop. */
final class AnthropicStream {
    private final ObjectMapper json;
    private final StringBuilder text = new StringBuilder();
    private String model;
    private int inputTokens = -1;
    private int outputTokens = -1;
    private String error;

    AnthropicStream(ObjectMapper json) {
        this.json = json;
    }

    /** One SSE line; false at message_stop or an error event. */
    boolean accept(String line) {
        if (!line.startsWith("data:")) {
            return true;
        }
        JsonNode event;
        try {
            event = json.readTree(line.substring(5).strip());
        } catch (JsonProcessingException e) {
            error = "malformed stream event: " + e.getOriginalMessage();
            return false;
        }
        switch (event.path("type").asText()) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                model = message.path("model").asText(null);
                inputTokens = message.path("usage").path("input_tokens").asInt(-1);
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                if ("text_delta".equals(delta.path("type").asText())) {
                    text.append(delta.path("text").asText());
                }
            }
            case "message_delta" -> outputTokens = event.path("usage").path("output_tokens").asInt(outputTokens);
            case "message_stop" -> {
                return false;
            }
            case "error" -> {
                error = "error in stream: " + event.path("error").path("message").asText(event.toString());
                return false;
            }
            default -> { }
        }
        return true;
    }

    Completion completion(boolean done, String configuredModel, Duration latency) throws ProviderException {
        if (error != null) {
            throw new ProviderException(new ProviderError.BadResponse(error));
        }
        if (!done) {
            throw new ProviderException(new ProviderError.BadResponse("stream ended before message_stop after " + text.length() + " characters"));
        }
        if (text.toString().isBlank()) {
            throw new ProviderException(new ProviderError.BadResponse("stream carried no text"));
        }
        return new Completion(text.toString(), model == null ? configuredModel : model, new Completion.Usage(inputTokens, outputTokens), latency);
    }
}
