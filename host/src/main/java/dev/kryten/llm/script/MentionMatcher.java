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

    /**
     * The line without the bot's names (each with a leading {@code @} and one following
     * {@code , . : ; ! ?}), spaces collapsed: "hey cynthia, how are you?" → "hey how are you?".
     */
    public String strip(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.length() != text.length()) {
            return text; // a case mapping changed the length: positions would not line up; leave the line whole
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = names.wordEndAt(lower, i);
            if (end > i) {
                if (out.length() > 0 && out.charAt(out.length() - 1) == '@') {
                    out.setLength(out.length() - 1);
                }
                if (end < text.length() && ",.:;!?".indexOf(text.charAt(end)) >= 0) {
                    end++;
                }
                out.append(' ');
                i = end;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }
}
