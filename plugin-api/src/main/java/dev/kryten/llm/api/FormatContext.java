package dev.kryten.llm.api;

import java.util.List;
import java.util.Map;

/**
 * What a formatter knows about the reply it shapes.
 *
 * @param botName          the bot's chat name (a reply that starts with it gets that prefix stripped)
 * @param nameVariations   other names the bot answers to (also stripped as a prefix)
 * @param maxMessageLength [{@code message_processing.max_message_length}] longest chat line, default 240
 * @param options          the formatter's own config section ({@code formatting} in the config), JSON types
 */
public record FormatContext(String botName, List<String> nameVariations, int maxMessageLength, Map<String, Object> options) {
    /** CyTube cuts lines at 320 characters; kryten-llm keeps well clear of that at 240. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 240;

    public FormatContext {
        nameVariations = List.copyOf(nameVariations);
        options = Map.copyOf(options);
        if (maxMessageLength < 20) {
            throw new IllegalArgumentException("maxMessageLength must be at least 20, was " + maxMessageLength);
        }
    }
}
