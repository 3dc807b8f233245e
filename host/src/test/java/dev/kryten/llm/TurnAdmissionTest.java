package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.support.OutcomeRecorder;
import dev.kryten.llm.support.RunningBot;
import dev.kryten.llm.turn.LineOutcome;
import dev.kryten.llm.turn.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-channel admission, isolation and delivery on real NATS, with the model held rather than timed. */
class TurnAdmissionTest {
    @TempDir Path dir;
    private long time;

    private void say(RunningBot bot, String channel, String user, String text) {
        time = Math.max(time + 1, System.currentTimeMillis());
        bot.chatIn(channel, user, text, time, null);
    }

    @Test
    void aFloodedChannelWithASlowModelNeverDelaysAnotherChannel() throws Exception {
        try (RunningBot bot = RunningBot.setup(dir).channels(List.of("ChanA", "ChanB"))
                .extra("\"turns\": {\"max_in_flight\": 2, \"queue_size\": 3}").start()) {
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            bot.llm.holdRequestsContaining("flooder");
            int flood = 60;
            for (int i = 0; i < flood; i++) {
                say(bot, "ChanA", "flooder" + (i % 12), "cynthia, flood line " + i);
            }
            // 2 turns hold the model, 3 wait; every other line is refused or gave way, each with its outcome
            List<LineOutcome> shed = outcomes.awaitCount(o -> o.channel().equals("ChanA")
                    && (o.outcome() instanceof Outcome.Refused || o.outcome() instanceof Outcome.Dropped), flood - 5, 15_000);
            assertEquals(2, waitForHeld(bot, 2), "two of A's turns are with the model");

            say(bot, "ChanB", "Bea", "cynthia, are you there?");
            LineOutcome b = outcomes.await(o -> o.channel().equals("ChanB"), 15_000);
            assertTrue(b.outcome() instanceof Outcome.Answered, "B is answered while A's model is still busy: " + b);
            assertEquals(2, bot.llm.heldCount(), "A's turns were still held when B was answered");

            // shed by admission only, each with its rule or reason: refused as busy, or gave way in the queue
            Map<String, Long> byWhy = shed.stream().collect(Collectors.groupingBy(TurnAdmissionTest::why, Collectors.counting()));
            assertTrue(java.util.Set.of("refused:busy", "dropped:queue full", "dropped:replaced by a newer line")
                    .containsAll(byWhy.keySet()), "nothing but admission shed A's lines: " + byWhy);
            assertEquals(flood - 5, byWhy.values().stream().mapToLong(Long::longValue).sum(), byWhy.toString());

            bot.llm.release();
            List<LineOutcome> all = outcomes.awaitCount(o -> o.channel().equals("ChanA"), flood, 15_000);
            assertEquals(flood, all.size(), "each of A's lines has exactly one outcome");
            long answered = all.stream().filter(o -> o.outcome() instanceof Outcome.Answered).count();
            assertEquals(5, answered, "the 2 running and 3 waiting turns were all answered once the model was back");
            assertTrue(all.stream().noneMatch(o -> o.outcome() instanceof Outcome.Dropped d && d.reason().contains("not delivered")),
                    "no answer the model produced was thrown away");
            assertEquals(flood, all.stream().map(LineOutcome::id).distinct().count());
        }
    }

    private static String why(LineOutcome o) {
        return switch (o.outcome()) {
            case Outcome.Refused r -> "refused:" + r.rule();
            case Outcome.Dropped d -> "dropped:" + d.reason().replaceAll("[:(\\[].*", "").replaceAll(" from the same user.*", "").strip();
            default -> o.outcome().kind();
        };
    }

    private static int waitForHeld(RunningBot bot, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (bot.llm.heldCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling for an event with a deadline
        }
        return bot.llm.heldCount();
    }

    @Test
    void aReplyMadeWhileTheRobotIsAwayWaitsAndGoesOutWhenItIsBack() throws Exception {
        try (var log = new dev.kryten.llm.support.LogCapture();
             RunningBot bot = RunningBot.setup(dir).messageProcessing("\"robot_wait_seconds\": 60").start()) {
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            bot.robotAway();
            say(bot, RunningBot.CHANNEL, "Greg", "cynthia, anyone home?");
            assertTrue(bot.llm.nextRequest(10_000) != null, "the model was asked");
            log.await(10_000, "Kryten-Robot is not listening", "holding the reply");
            assertTrue(outcomes.parts().isEmpty(), "nothing is recorded as said while the Robot does not answer");
            bot.robotBack();
            LineOutcome done = outcomes.await(o -> o.user() != null && o.user().equals("Greg"), 15_000);
            var answered = (Outcome.Answered) done.outcome();
            assertEquals(answered.parts(), outcomes.parts().stream().map(p -> p.text()).toList());
            assertEquals(answered.parts().getFirst(), bot.nextSay(5_000));
        }
    }

    @Test
    void aDryRunAnswersThroughTheWholePathButSaysNothing() throws Exception {
        try (var log = new dev.kryten.llm.support.LogCapture(); RunningBot bot = RunningBot.setup(dir).dryRun().start()) {
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            say(bot, RunningBot.CHANNEL, "Greg", "cynthia, are you live?");
            LineOutcome done = outcomes.await(o -> "Greg".equals(o.user()), 15_000);
            var answered = (Outcome.Answered) done.outcome();
            assertTrue(bot.llm.requestCount() == 1, "the model was asked");
            assertTrue(log.contains("dry run, would say in 420Grindhouse: " + answered.parts().getFirst()));
            assertEquals(null, bot.nextSayCommand(0), "nothing was published to Kryten-Robot");
        }
    }

    @Test
    void aReplyTheRobotNeverTakesEndsAsDroppedWithTheReason() throws Exception {
        try (RunningBot bot = RunningBot.setup(dir).messageProcessing("\"robot_wait_seconds\": 0.5")
                .start()) {
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            bot.robotAway();
            say(bot, RunningBot.CHANNEL, "Greg", "cynthia, hello?");
            LineOutcome done = outcomes.await(o -> "Greg".equals(o.user()), 15_000);
            var dropped = (Outcome.Dropped) done.outcome();
            assertTrue(dropped.reason().contains("Kryten-Robot is not listening") && dropped.reason().contains("robot_wait_seconds"),
                    dropped.reason());
            assertTrue(outcomes.parts().isEmpty());
        }
    }
}
