package dev.kryten.llm.plugins.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import java.time.Duration;

/** Collects /api/chat answers: one JSON object (not streamed) or NDJSON chunks until {@code "done": true}. */
final class OllamaStream {
    private final ObjectMapper json;
    private final StringBuilder text = new StringBuilder();
    private String model;
    private int promptTokens = -1;
    private int outputTokens = -1;
    private boolean done;
    private String error;

    OllamaStream(ObjectMapper json) {
        this.json = json;
    }

    /** One JSON line; false once done or on an error. */
    boolean accept(String line) {
        if (line.isBlank()) {
            return true;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(line);
        } catch (JsonProcessingException e) {
            error = "body is not JSON (" + e.getOriginalMessage().split(" \\(")[0] + ")";
            return false;
        }
        if (chunk.has("error")) {
            error = "error from Ollama: " + chunk.path("error").asText();
            return false;
        }
        model = chunk.path("model").asText(model);
        JsonNode content = chunk.path("message").path("content");
        if (content.isTextual()) {
            text.append(content.asText());
        }
        if (chunk.path("done").asBoolean(false)) {
            done = true;
            promptTokens = chunk.path("prompt_eval_count").asInt(-1);
            outputTokens = chunk.path("eval_count").asInt(-1);
            return false;
        }
        return true;
    }

    Completion completion(boolean streamEnded, String configuredModel, Duration latency) throws ProviderException {
        if (error != null) {
            throw new ProviderException(new ProviderError.BadResponse(error));
        }
        if (!done) {
            throw new ProviderException(new ProviderError.BadResponse("answer ended before \"done\": true after " + text.length() + " characters"));
        }
        if (text.toString().isBlank()) {
            throw new ProviderException(new ProviderError.BadResponse("empty message content"));
        }
        return new Completion(text.toString(), model == null || model.isEmpty() ? configuredModel : model,
                new Completion.Usage(promptTokens, outputTokens), latency);
    }
}
