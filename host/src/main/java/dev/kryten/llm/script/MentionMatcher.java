package dev.kryten.llm.script;

import java.util.List;

/**
 * Does a line name the bot? Its chat name or any name variation, as a whole word, any case:
 * "cynthia," and "@CynthiaRothbot" count, "cynthiaesque" does not. Runs once per chat line.
 */
public final class MentionMatcher {
    private final WordMatcher names;

    public MentionMatcher(List<String> names) {
        this.names = new WordMatcher(names);
    }

    /** @param lowerText the line, lower-cased ({@link JsMessage#lowerText()}) */
    public boolean mentionsLower(String lowerText) {
        return names.matches(lowerText);
    }

    public boolean mentions(String text) {
        return names.matches(text.toLowerCase(java.util.Locale.ROOT));
    }
}
