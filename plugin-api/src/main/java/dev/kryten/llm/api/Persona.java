package dev.kryten.llm.api;

import java.util.List;
import java.util.Objects;

/**
 * The character the bot plays for this turn, as far as a provider needs it. A model-backed provider
 * can ignore it (the character is already in the prompt); a provider that answers without a model
 * (the shipped {@code offline} one) picks from {@link #stockLines()}.
 *
 * @param name       the bot's chat name, e.g. {@code CynthiaRothbot}
 * @param stockLines short in-character lines from the personality file; may be empty, never null
 */
public record Persona(String name, List<String> stockLines) {
    public Persona {
        Objects.requireNonNull(name, "name");
        stockLines = List.copyOf(stockLines);
    }
}
