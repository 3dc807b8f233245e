package dev.kryten.llm.plugins.cytube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.api.FormatContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CytubeFormatterTest {
    private final CytubeFormatter formatter = new CytubeFormatter();
    private final FormatContext context = new FormatContext("CynthiaRothbot", List.of("cynthia", "rothrock"), 240, Map.of());

    private List<String> format(String text) {
        return formatter.format(text, context);
    }

    @Test
    void shortAnswersPassThroughAsOneLine() {
        assertEquals(List.of("Speed beats size."), format("Speed beats size."));
    }

    @Test
    void longAnswersSplitAtSentenceEndsWithinTheLimit() {
        String s1 = "A".repeat(100) + ".";
        String s2 = "B".repeat(100) + "!";
        String s3 = "C".repeat(100) + "?";
        List<String> parts = format(s1 + " " + s2 + " " + s3);
        assertEquals(List.of(s1 + " " + s2, s3), parts);
    }

    @Test
    void withoutSentenceEndsItSplitsAtSpaces() {
        String text = "word ".repeat(120).strip();
        List<String> parts = format(text);
        for (String part : parts) {
            assertTrue(part.length() <= 240, part.length() + "");
            assertTrue(!part.startsWith(" ") && !part.endsWith(" "));
            assertTrue(part.matches("(word ?)+"), "no word was cut: " + part);
        }
        assertEquals(text, String.join(" ", parts));
    }

    @Test
    void aSpacelessTokenLongerThanTheLimitIsCutHardWithoutBreakingASurrogatePair() {
        String url = "https://example.test/" + "x".repeat(300);
        List<String> parts = format(url);
        assertEquals(240, parts.get(0).length());
        assertEquals(url, String.join("", parts));
        String emoji = "😀".repeat(130); // 260 UTF-16 units
        List<String> emojiParts = format(emoji);
        assertEquals(emoji, String.join("", emojiParts));
        for (String part : emojiParts) {
            assertTrue(part.length() <= 240 && !Character.isLowSurrogate(part.charAt(0)), "pair split");
        }
    }

    @Test
    void markdownIsStrippedToPlainText() {
        assertEquals(List.of("Best kick: the spinning back kick. Watch the feet."),
                format("## Best kick\n\n**Best kick:** the *spinning* back kick.\n\n- Watch the `feet`."
                        .replace("## Best kick\n\n", "")));
        assertEquals(List.of("Yes Madam (https://example.test/yes-madam) is the one."),
                format("[Yes Madam](https://example.test/yes-madam) is the one."));
        assertEquals(List.of("Snake_case_words and 2*3*4 stay as they are."),
                format("Snake_case_words and 2*3*4 stay as they are."));
        assertEquals(List.of("Before after."), format("Before\n```js\ncode();\n```\nafter."));
        assertEquals(List.of("Quoted text, not greentext."), format("> Quoted text, not greentext."));
    }

    @Test
    void theBotsOwnNamePrefixAndWrappingQuotesAreRemoved() {
        assertEquals(List.of("Speed beats size."), format("CynthiaRothbot: Speed beats size."));
        assertEquals(List.of("Speed beats size."), format("**CynthiaRothbot:** \"Speed beats size.\""));
        assertEquals(List.of("Speed beats size."), format("Cynthia: Rothrock - Speed beats size."));
        assertEquals(List.of("speed beats size."), format("As CynthiaRothbot, speed beats size."));
        assertEquals(List.of("Cynthia Rothrock starred in it."), format("Cynthia Rothrock starred in it."));
        assertEquals(List.of("He said \"no\" and left."), format("He said \"no\" and left."));
    }

    @Test
    void htmlEntitiesAreNotUnescaped() {
        assertEquals(List.of("Use &lt;b&gt; & friends."), format("Use &lt;b&gt; & friends."));
    }

    @Test
    void nothingLeftMeansNoParts() {
        assertEquals(List.of(), format("CynthiaRothbot:"));
        assertEquals(List.of(), format("```\nonly code\n```"));
    }

    @Test
    void theLimitFollowsTheContext() {
        FormatContext small = new FormatContext("Bot", List.of(), 20, Map.of());
        for (String part : formatter.format("one two three four five six seven eight nine ten", small)) {
            assertTrue(part.length() <= 20, part);
        }
    }
}
