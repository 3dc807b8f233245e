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
        // (three parts at most by default: this one has two)
        String s1 = "A".repeat(100) + ".";
        String s2 = "B".repeat(100) + "!";
        String s3 = "C".repeat(100) + "?";
        List<String> parts = format(s1 + " " + s2 + " " + s3);
        assertEquals(List.of(s1 + " " + s2, s3), parts);
    }

    @Test
    void withoutSentenceEndsItSplitsAtSpaces() {
        String text = "word ".repeat(100).strip();
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
        // two parts: under the default cap of three
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

    private List<String> format(String text, Map<String, Object> options) {
        return formatter.format(text, new FormatContext("CynthiaRothbot", List.of("cynthia"), 240, options));
    }

    @Test
    void emojiAreFilteredOrCapped() {
        assertEquals(List.of("Kick! Punch! Done."), format("Kick! 🥋 Punch! 👊🏽 Done. 🎬", Map.of("filter_emoji", true)));
        assertEquals(List.of("Kick! 🥋 Punch! Done."), format("Kick! 🥋 Punch! 👊🏽 Done. 🎬", Map.of("max_emoji_per_message", 1L)));
        assertEquals(List.of("Family 👨‍👩‍👧 counts once, flags 🇭🇰 too."),
                format("Family 👨‍👩‍👧 counts once, flags 🇭🇰 too.", Map.of("max_emoji_per_message", 2L)));
        assertEquals(List.of("Unlimited 🥋🥋🥋"), format("Unlimited 🥋🥋🥋", Map.of()));
    }

    @Test
    void stageDirectionsAreCutWhenConfigured() {
        assertEquals(List.of("Speed beats size."), format("*cracks knuckles* Speed beats size. [grins]", Map.of("strip_stage_directions", true)));
        assertEquals(List.of("Speed beats size. Always."), format("(leans in) Speed beats size. (smiles) Always.", Map.of("strip_stage_directions", true)));
        assertEquals(List.of("cracks knuckles Speed beats size."), format("*cracks knuckles* Speed beats size.", Map.of()));
    }

    @Test
    void thePartsAreCappedAndMayCarryAContinuationMark() {
        String text = ("This is sentence number one of many. ").repeat(30);
        List<String> capped = format(text, Map.of("max_parts", 2L));
        assertEquals(2, capped.size());
        assertTrue(capped.get(1).endsWith("…") && capped.get(1).length() <= 240, capped.get(1));
        List<String> marked = format(text, Map.of("max_parts", 3L, "continuation_indicator", " ..."));
        assertEquals(3, marked.size());
        assertTrue(marked.get(0).endsWith(" ...") && marked.get(0).length() <= 240 && !marked.get(2).endsWith(" ..."));
        assertEquals(3, format(text, Map.of()).size(), "three parts by default");
    }

    @Test
    void theLimitFollowsTheContext() {
        FormatContext small = new FormatContext("Bot", List.of(), 20, Map.of());
        for (String part : formatter.format("one two three four five six seven eight nine ten", small)) {
            assertTrue(part.length() <= 20, part);
        }
    }
}
