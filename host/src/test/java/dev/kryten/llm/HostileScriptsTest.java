package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.OutcomeRecorder;
import dev.kryten.llm.support.RunningBot;
import dev.kryten.llm.turn.LineOutcome;
import dev.kryten.llm.turn.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad save never silences a channel: hostile values and patterns from scripts, on real NATS. */
class HostileScriptsTest {
    @TempDir Path dir;
    private long time;

    private void say(RunningBot bot, String channel, String user, String text) {
        time = Math.max(time + 1, System.currentTimeMillis());
        bot.chatIn(channel, user, text, time, null);
    }

    private static boolean from(LineOutcome o, String channel, String user) {
        return o.channel().equals(channel) && user.equals(o.user());
    }

    @Test
    void aHugeSparsePromptAndACatastrophicRegexCostOneLineEachAndTheLaneGoesOn() throws Exception {
        try (LogCapture log = new LogCapture();
             RunningBot bot = RunningBot.setup(dir).editableScripts().channels(List.of("ChanA", "ChanB")).start()) {
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            Path prompt = bot.scripts.resolve("prompts/default.js");
            Files.writeString(prompt, Files.readString(prompt).replace("export default function buildPrompt(personality, match, channel) {",
                    """
                    export default function buildPrompt(personality, match, channel) {
                      if (match.context === 'SPARSE') { const a = []; a.length = 2147483647; return a; }
                    """));
            log.awaitScripts(10_000, List.of("ChanA", "ChanB"), "scripts/prompts/default.js reloaded");
            log.clear();
            Files.writeString(bot.scripts.resolve("triggers/sparse.js"), """
                    export const rules = [{ words: ['sparse'], match: { name: 'sparse', priority: 9, context: 'SPARSE' } }];
                    """);
            log.awaitScripts(10_000, List.of("ChanA", "ChanB"), "scripts/triggers/sparse.js added");
            log.clear();
            // (a+)+$ backtracks exponentially in java.util.regex on "aaa…ab"; RE2 matches it in linear time
            Files.writeString(bot.scripts.resolve("triggers/backtrack.js"), """
                    export const prefilter = { pattern: '^(a+)+$' };
                    export default function backtrack() { return { name: 'backtrack', priority: 2 }; }
                    """);
            log.awaitScripts(10_000, List.of("ChanA", "ChanB"), "scripts/triggers/backtrack.js added");
            log.clear();
            Files.writeString(bot.scripts.resolve("triggers/hugetext.js"), """
                    export const prefilter = { words: ['hugetext'] };
                    export default function hugeText() { return { name: 'huge', text: 'x'.repeat(50000000) }; }
                    """);
            log.awaitScripts(10_000, List.of("ChanA", "ChanB"), "scripts/triggers/hugetext.js added");
            say(bot, "ChanA", "Trudy", "hugetext please");

            say(bot, "ChanA", "Mallory", "a".repeat(59) + "b");
            say(bot, "ChanA", "Eve", "sparse arrays are fun");
            say(bot, "ChanB", "Bea", "cynthia, hello from B");
            say(bot, "ChanA", "Greg", "cynthia, still with us?");

            assertInstanceOf(Outcome.NotTriggered.class, outcomes.await(o -> from(o, "ChanA", "Trudy"), 15_000).outcome());
            log.await(10_000, "trigger failed", "scripts/triggers/hugetext.js", "50000000 characters long; at most 100000");
            LineOutcome regexLine = outcomes.await(o -> from(o, "ChanA", "Mallory"), 15_000);
            assertInstanceOf(Outcome.NotTriggered.class, regexLine.outcome(), regexLine.toString());
            LineOutcome sparse = outcomes.await(o -> from(o, "ChanA", "Eve"), 15_000);
            var failed = assertInstanceOf(Outcome.Failed.class, sparse.outcome(), sparse.toString());
            assertTrue(failed.reason().contains("scripts/prompts/default.js") && failed.reason().contains("2147483647 elements"),
                    failed.reason());
            assertInstanceOf(Outcome.Answered.class, outcomes.await(o -> from(o, "ChanB", "Bea"), 15_000).outcome(),
                    "the other channel answered");
            assertInstanceOf(Outcome.Answered.class, outcomes.await(o -> from(o, "ChanA", "Greg"), 15_000).outcome(),
                    "the lane that met both answers the next mention");

            say(bot, "ChanA", "Mallory", "a".repeat(20_000) + "b");
            say(bot, "ChanA", "Greg", "cynthia, and now?");
            assertInstanceOf(Outcome.Answered.class, outcomes.awaitCount(o -> from(o, "ChanA", "Greg"), 2, 15_000).get(1).outcome());
            assertEquals(0, outcomes.outcomes().stream().filter(o -> o.outcome() instanceof Outcome.Failed f
                    && f.reason().startsWith("unexpected")).count(), "nothing escaped as an unexpected failure");
        }
    }
}
