package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.support.KrytenWire;
import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.OutcomeRecorder;
import dev.kryten.llm.support.RunningBot;
import dev.kryten.llm.turn.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of chat published as fast as NATS takes it, on real NATS: no line is lost, and the
 * mention after it is answered with the burst's tail in its prompt, in order. The suite runs it at
 * a size that keeps it quick; {@code host/src/jmh/bench.sh burst} runs 100,000 lines against the
 * launched bot and measures memory (docs/performance.md).
 */
class BurstTest {
    @TempDir Path dir;

    @Test
    void aBurstLosesNoLineAndTheMentionAfterItIsAnsweredWithItsTail() throws Exception {
        int lines = Integer.getInteger("burst.lines", 20_000);
        String filler = "x".repeat(240); // ≈300-byte envelopes, as in a busy channel
        try (LogCapture log = new LogCapture(); RunningBot bot = RunningBot.start(dir, "")) {
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            long before = bot.host.lanes().messagesHandled();
            String subject = Subjects.event(RunningBot.CHANNEL, "chatMsg");
            long time = System.currentTimeMillis();
            for (int i = 0; i < lines; i++) {
                bot.client.publish(subject, KrytenWire.chatMsg(RunningBot.CHANNEL, RunningBot.DOMAIN, "user" + (i % 50),
                        "burst line " + i + " " + filler, time + i, null));
            }
            bot.chat("Greg", "cynthia, did you catch all that?", time + lines, null);
            bot.client.flush(Duration.ofSeconds(30));

            var request = bot.llm.nextRequest(60_000);
            assertNotNull(request, "the mention after the burst reached the model");
            String prompt = request.body().path("messages").get(1).path("content").asText();
            int last = prompt.indexOf("burst line " + (lines - 1) + " ");
            int before1 = prompt.indexOf("burst line " + (lines - 2) + " ");
            int before9 = prompt.indexOf("burst line " + (lines - 9) + " ");
            assertTrue(before9 >= 0 && before9 < before1 && before1 < last, "the burst's last lines, in order: " + prompt);
            assertTrue(outcomes.await(o -> "Greg".equals(o.user()), 30_000).outcome() instanceof Outcome.Answered);
            assertEquals(lines + 1, outcomes.awaitCount(o -> o.user() != null, lines + 1, 30_000).size(),
                    "every line of the burst has its outcome");
            assertEquals(lines + 1, bot.host.lanes().messagesHandled() - before, "the lane read every message");
            assertFalse(log.contains("NATS is dropping messages"), "no slow-consumer drop");
        }
    }
}
