package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.RunningBot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NATS server restarts under the running bot: it reconnects by itself and answers again. */
class NatsRestartTest {
    @TempDir Path dir;

    @Test
    void theBotReconnectsAfterANatsRestartAndAnswersAgain() throws Exception {
        try (LogCapture log = new LogCapture(); RunningBot bot = RunningBot.start(dir, "")) {
            bot.llm.reply(FakeOpenAiServer.Reply.completion("Before."), FakeOpenAiServer.Reply.completion("After."));
            bot.chat("Greg", "cynthia, before the restart?");
            assertEquals("Before.", bot.nextSay(15_000));

            bot.nats.restart();
            log.await(15_000, "reconnected to NATS");
            // the test's own client (playing Kryten-Robot) reconnects too; wait until it is back
            long until = System.currentTimeMillis() + 30_000;
            while (bot.client.getStatus() != io.nats.client.Connection.Status.CONNECTED && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            bot.client.flush(java.time.Duration.ofSeconds(10));
            bot.chat("Greg", "cynthia, after the restart?");
            assertEquals("After.", bot.nextSay(15_000));
        }
    }
}
