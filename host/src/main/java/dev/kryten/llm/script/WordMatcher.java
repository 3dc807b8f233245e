package dev.kryten.llm.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds words or phrases as whole words in text that is already lower-cased: "karate" in
 * "karate chops!" but not in "karateka". Plain {@code indexOf} and a boundary check instead of a
 * regular expression, because it runs for every chat line.
 */
final class WordMatcher {
    private final String[] words;

    WordMatcher(List<String> words) {
        List<String> lower = new ArrayList<>();
        for (String word : words) {
            String w = word.strip().toLowerCase(Locale.ROOT);
            if (!w.isEmpty() && !lower.contains(w)) {
                lower.add(w);
            }
        }
        this.words = lower.toArray(String[]::new);
    }

    boolean isEmpty() {
        return words.length == 0;
    }

    /** Whether any word occurs whole in {@code lowerText}. */
    boolean matches(String lowerText) {
        for (String word : words) {
            if (containsWord(lowerText, word)) {
                return true;
            }
        }
        return false;
    }

    /** If one of the words starts at {@code at} as a whole word (longest first), the index after it; else -1. */
    int wordEndAt(String lowerText, int at) {
        if (at > 0 && isWordChar(lowerText.charAt(at - 1))) {
            return -1;
        }
        int best = -1;
        for (String word : words) {
            int end = at + word.length();
            if (lowerText.startsWith(word, at) && (end == lowerText.length() || !isWordChar(lowerText.charAt(end))) && end > best) {
                best = end;
            }
        }
        return best;
    }

    static boolean containsWord(String lowerText, String word) {
        int at = lowerText.indexOf(word);
        while (at >= 0) {
            int end = at + word.length();
            if ((at == 0 || !isWordChar(lowerText.charAt(at - 1))) && (end == lowerText.length() || !isWordChar(lowerText.charAt(end)))) {
                return true;
            }
            at = lowerText.indexOf(word, at + 1);
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return c < 128 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '_'
                : Character.isLetterOrDigit(c);
    }
}
