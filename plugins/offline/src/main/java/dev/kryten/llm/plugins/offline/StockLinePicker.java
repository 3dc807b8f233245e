package dev.kryten.llm.plugins.offline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses the stock line that best fits the user's words: most shared words of four letters or
 * more wins; ties (and no overlap at all) are broken at random; the line used last is never repeated.
 */
final class StockLinePicker {
    private final AtomicInteger lastPicked = new AtomicInteger(-1);

    String pick(List<String> lines, String userText) {
        Set<String> userWords = words(userText);
        int best = 0;
        int skip = lines.size() > 1 ? lastPicked.get() : -1; // never the same line twice in a row
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i == skip) {
                continue;
            }
            int score = 0;
            for (String word : words(lines.get(i))) {
                if (userWords.contains(word)) {
                    score++;
                }
            }
            if (score > best) {
                best = score;
                candidates.clear();
            }
            if (score == best) {
                candidates.add(i);
            }
        }
        int chosen = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        lastPicked.set(chosen);
        return lines.get(chosen);
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() >= 4) {
                words.add(word);
            }
        }
        return words;
    }
}
