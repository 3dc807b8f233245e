package dev.kryten.llm.plugins.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import java.time.Duration;

/** Collects a chat-completions event stream: content deltas, the model, and usage from the last chunk. */
final class OpenAiStream {
    private final ObjectMapper json;
    private final StringBuilder text = new StringBuilder();
    private String model;
    private Completion.Usage usage = Completion.Usage.UNKNOWN;
    private String error;

    OpenAiStream(ObjectMapper json) {
        this.json = json;
    }

    /** One SSE line; false at {@code data: [DONE]} or an error event. */
    boolean accept(String line) {
        if (!line.startsWith("data:")) {
            return true; // comments, event names, blank separators
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
            return false;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (JsonProcessingException e) {
            error = "malformed stream chunk: " + e.getOriginalMessage();
            return false;
        }
        if (chunk.has("error")) {
            error = "error in stream: " + chunk.path("error").path("message").asText(chunk.path("error").toString());
            return false;
        }
        model = chunk.path("model").asText(model);
        JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
        if (content.isTextual()) {
            text.append(content.asText());
        }
        JsonNode u = chunk.path("usage");
        if (u.isObject()) {
            usage = new Completion.Usage(u.path("prompt_tokens").asInt(-1), u.path("completion_tokens").asInt(-1));
        }
        return true;
    }

    Completion completion(boolean done, String configuredModel, Duration latency) throws ProviderException {
        if (error != null) {
            throw new ProviderException(new ProviderError.BadResponse(error));
        }
        if (!done) {
            throw new ProviderException(new ProviderError.BadResponse("stream ended before [DONE] after " + text.length() + " characters"));
        }
        if (text.toString().isBlank()) {
            throw new ProviderException(new ProviderError.BadResponse("stream carried no content"));
        }
        return new Completion(text.toString(), model == null || model.isEmpty() ? configuredModel : model, usage, latency);
    }
}
