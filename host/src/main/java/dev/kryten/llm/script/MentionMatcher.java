package dev.kryten.llm.script;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Does a line name the bot? Its chat name or any name variation, as a whole word, any case:
 * "cynthia," and "@CynthiaRothbot" count, "cynthiaesque" does not. One precompiled pattern,
 * run once per chat line.
 */
public final class MentionMatcher {
    private final Pattern pattern;

    public MentionMatcher(List<String> names) {
        String alternatives = names.stream()
                .sorted((a, b) -> b.length() - a.length())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        this.pattern = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public boolean mentions(String text) {
        return pattern.matcher(text).find();
    }
}
