package dev.kryten.llm.api;

import java.util.List;
import java.util.Objects;

/**
 * What the host asks a provider to answer: the message list built by the prompt script, plus the
 * facts a provider may log or use. Immutable; safe to share between threads.
 *
 * @param messages      the prompt, in order; at least one message
 * @param userText      what the user said this turn, as the trigger shaped it (for providers that answer
 *                      without reading the prompt, like the offline one)
 * @param persona       the character speaking this turn
 * @param channel       the CyTube channel the answer is for (for logs and accounting)
 * @param correlationId an id that ties the provider's log lines to the turn's other log lines
 */
public record CompletionRequest(List<ChatMessage> messages, String userText, Persona persona, String channel, String correlationId) {
    public CompletionRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a completion request needs at least one message");
        }
        Objects.requireNonNull(userText, "userText");
        Objects.requireNonNull(persona, "persona");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(correlationId, "correlationId");
    }
}
