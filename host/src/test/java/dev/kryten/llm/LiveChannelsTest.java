package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.OutcomeRecorder;
import dev.kryten.llm.support.RunningBot;
import dev.kryten.llm.turn.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels added to or removed from the config file start or stop being served without a restart. */
class LiveChannelsTest {
    @TempDir Path dir;

    @Test
    void aChannelAddedToTheConfigIsServedAndARemovedOneIsLeft() throws Exception {
        try (LogCapture log = new LogCapture(); RunningBot bot = RunningBot.start(dir, "")) {
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            bot.writeConfigWithChannels(List.of(RunningBot.CHANNEL, "SecondRoom"));
            log.await(10_000, "config: now serving SecondRoom");
            assertEquals(List.of("420Grindhouse", "SecondRoom"), bot.host.lanes().channels());
            int port = bot.host.healthPort().orElseThrow();
            assertTrue(HealthAndMetricsTest.get(port, "/health").json().path("channels").has("SecondRoom"), "health lists it");
            bot.chatIn("SecondRoom", "Newbie", "cynthia, is this room open?", System.currentTimeMillis(), null);
            var answered = outcomes.await(o -> o.channel().equals("SecondRoom"), 15_000);
            assertInstanceOf(Outcome.Answered.class, answered.outcome(), answered.toString());

            bot.writeConfigWithChannels(List.of("SecondRoom"));
            log.await(10_000, "config: no longer serving 420Grindhouse");
            assertEquals(List.of("SecondRoom"), bot.host.lanes().channels());
            assertTrue(log.lines().stream().noneMatch(l -> l.contains("take effect after a restart")),
                    "channel changes need no restart");
            assertTrue(!HealthAndMetricsTest.get(port, "/health").json().path("channels").has(RunningBot.CHANNEL), "nor the closed one");
            bot.chat("Greg", "cynthia, anyone?");
            bot.chatIn("SecondRoom", "Newbie", "cynthia, still here?", System.currentTimeMillis() + 1, null);
            outcomes.awaitCount(o -> o.channel().equals("SecondRoom"), 2, 15_000);
            assertTrue(outcomes.outcomes().stream().noneMatch(o -> "Greg".equals(o.user())), "the closed channel is not read");
        }
    }
}
