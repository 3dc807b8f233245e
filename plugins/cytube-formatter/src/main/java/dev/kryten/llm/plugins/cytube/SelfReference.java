package dev.kryten.llm.plugins.cytube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Strips what makes a reply sound like a transcript of the bot instead of the bot talking:
 * a leading "CynthiaRothbot:" (or any name variation, repeated), "As CynthiaRothbot, ", and
 * quotes wrapped around the whole reply.
 */
final class SelfReference {
    private SelfReference() {}

    static String strip(String text, String botName, List<String> variations) {
        List<String> names = new ArrayList<>(variations);
        names.add(botName);
        names.removeIf(n -> n == null || n.isBlank());
        names.sort(Comparator.comparingInt(String::length).reversed());
        String alternatives = String.join("|", names.stream().map(Pattern::quote).toList());
        String s = text.strip();
        if (!alternatives.isEmpty()) {
            Pattern prefix = Pattern.compile("^(?:(?:" + alternatives + ")\\s*[:：\\-–—]\\s*|as\\s+(?:" + alternatives + ")\\s*,\\s*)",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            String before;
            do {
                before = s;
                s = prefix.matcher(s).replaceFirst("").strip();
            } while (!s.equals(before));
        }
        return unquote(s);
    }

    private static String unquote(String s) {
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            boolean wrapped = (first == '"' && last == '"') || (first == '“' && last == '”') || (first == '\'' && last == '\'');
            String inner = s.substring(1, s.length() - 1);
            if (wrapped && inner.indexOf(first) < 0 && inner.indexOf(last) < 0) {
                return inner.strip();
            }
        }
        return s;
    }
}
