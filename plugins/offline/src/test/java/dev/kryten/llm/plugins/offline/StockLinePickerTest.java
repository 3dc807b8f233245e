package dev.kryten.llm.plugins.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StockLinePickerTest {
    private final List<String> lines = List.of(
            "Speed beats size. Every time.",
            "Kung fu movies are about discipline.",
            "Stretch first. You'll thank me at fifty.");

    @Test
    void theLineSharingTheUsersWordsWins() {
        assertEquals("Kung fu movies are about discipline.", new StockLinePicker().pick(lines, "any good kung fu movies tonight?"));
    }

    @Test
    void theSameLineIsNeverUsedTwiceInARow() {
        StockLinePicker picker = new StockLinePicker();
        String previous = picker.pick(lines, "movies");
        for (int i = 0; i < 50; i++) {
            String next = picker.pick(lines, "movies");
            assertNotEquals(previous, next);
            previous = next;
        }
    }

    @Test
    void oneLineIsAlwaysThatLine() {
        StockLinePicker picker = new StockLinePicker();
        assertEquals("only", picker.pick(List.of("only"), "x"));
        assertEquals("only", picker.pick(List.of("only"), "x"));
    }
}
