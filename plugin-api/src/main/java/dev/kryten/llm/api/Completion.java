package dev.kryten.llm.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's successful answer.
 *
 * @param text    the raw text the model produced (the host's formatters clean and split it)
 * @param model   the model that answered, as the server named it (or the configured one)
 * @param usage   token counts; {@link Usage#UNKNOWN} when the server did not say
 * @param latency time from sending the request to having the whole answer
 */
public record Completion(String text, String model, Usage usage, Duration latency) {
    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(latency, "latency");
    }

    /**
     * Tokens the request consumed.
     *
     * @param promptTokens     tokens in (prompt); -1 when unknown
     * @param completionTokens tokens out (answer); -1 when unknown
     */
    public record Usage(int promptTokens, int completionTokens) {
        public static final Usage UNKNOWN = new Usage(-1, -1);
    }
}
