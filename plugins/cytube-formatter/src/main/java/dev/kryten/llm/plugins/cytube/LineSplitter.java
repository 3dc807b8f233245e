package dev.kryten.llm.plugins.cytube;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of text into parts of at most {@code max} characters (UTF-16 units, which is
 * what CyTube counts): at the last sentence end that keeps the part at least a third full, else at
 * the last space, else (one endless word) hard, never inside a surrogate pair.
 */
final class LineSplitter {
    private LineSplitter() {}

    static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = sentenceEnd(rest, max);
            if (cut < 0) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut <= 0) {
                cut = Character.isHighSurrogate(rest.charAt(max - 1)) ? max - 1 : max;
            }
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    /** Index just after the last ". ", "! ", "? " (or "…") ending inside the window, if it leaves a part ≥ max/3. */
    private static int sentenceEnd(String s, int max) {
        for (int i = Math.min(max, s.length() - 1) - 1; i >= max / 3; i--) {
            char c = s.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '…') && s.charAt(i + 1) == ' ') {
                return i + 1;
            }
        }
        return -1;
    }
}
