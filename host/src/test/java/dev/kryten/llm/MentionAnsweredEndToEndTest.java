package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.KrytenWire;
import dev.kryten.llm.support.RunningBot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton, as a user runs it: a real nats-server, a real HTTP server speaking the
 * OpenAI wire format, the real config loader, the shipped plugin jars loaded by PF4J from a
 * plugins folder, and the shipped JS trigger, prompt and personality.
 */
class MentionAnsweredEndToEndTest {
    private static final String SUBJECT = "kryten.events.cytube.420grindhouse.chatmsg";

    @TempDir Path dir;
    RunningBot bot;

    @BeforeEach
    void start() throws Exception {
        bot = RunningBot.start(dir, "\"rate_limits\": {\"global_max_per_minute\": 2}");
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
    }

    @Test
    void mentionGetsFormattedLlmAnswerInPartsWhileOtherLinesGetNothing() throws Exception {
        String longAnswer = "**CynthiaRothbot:** The best kick in film? Easy. " + "The spinning back kick in Yes Madam, shot in one take "
                + "with no wires and no doubles, because that is how Hong Kong crews worked in 1985. "
                + "Everything else is just editing pretending to be action, and audiences can feel the difference even when "
                + "they cannot name it. Watch the feet, not the cuts. Commit to the move or get out of the way, that is the "
                + "whole lesson, and it works on screen and off it.";
        bot.llm.reply(FakeOpenAiServer.Reply.completion(longAnswer));
        long now = System.currentTimeMillis();

        bot.chat("GrindhouseGreg", "nice weather for a grindhouse double feature", now, null);
        bot.chat("CynthiaRothbot", "CynthiaRothbot is here, and cynthia says hi", now, null);
        bot.chat("OldTimer", "hey cynthia, remember me from before you joined?", now - 3_600_000, null);
        bot.chat("SneakyTroll", "cynthia you are bad", now, KrytenWire.meta().put("shadow", true));
        bot.chat("[server]", "cynthia was promoted", now, null);
        bot.chat("GrindhouseGreg", "hey cynthia, what&#39;s the best kick &#40;ever&#41;?", now + 1, null);

        List<JsonNode> says = bot.saysUntilQuiet(15_000, 1_000);
        assertFalse(says.isEmpty(), "the mention got no say command");
        String expected = longAnswer.replace("**CynthiaRothbot:** ", "");
        List<String> parts = says.stream().map(s -> s.path("args").path("message").asText()).toList();
        assertTrue(parts.size() >= 2, "a long answer is split into several lines: " + parts);
        assertEquals(expected, String.join(" ", parts), "the parts, in order, are the whole cleaned answer");
        for (String part : parts) {
            assertTrue(part.length() <= 240, "part longer than 240: " + part);
            assertFalse(part.startsWith("/"));
        }
        for (JsonNode say : says) {
            assertEquals("say", say.path("command").asText());
            JsonNode meta = say.path("meta");
            assertEquals("llm", meta.path("source").asText());
            assertEquals(RunningBot.DOMAIN, meta.path("domain").asText());
            assertEquals(RunningBot.CHANNEL, meta.path("channel").asText());
            assertTrue(meta.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"),
                    meta.path("timestamp").asText());
            assertTrue(meta.path("request_id").asText().matches("[0-9a-f-]{36}"));
        }

        FakeOpenAiServer.Received request = bot.llm.nextRequest(1_000);
        assertNotNull(request);
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer " + RunningBot.API_KEY, request.header("Authorization"));
        assertEquals("test-model", request.body().path("model").asText());
        String system = request.body().path("messages").get(0).path("content").asText();
        String user = request.body().path("messages").get(1).path("content").asText();
        assertEquals("system", request.body().path("messages").get(0).path("role").asText());
        assertTrue(system.contains("You are CynthiaRothbot") && system.contains("Cynthia Rothrock"), system);
        assertTrue(user.contains("GrindhouseGreg says: hey what's the best kick (ever)?"), user);
        assertFalse(user.contains(RunningBot.API_KEY) || system.contains(RunningBot.API_KEY));
        assertNull(bot.llm.nextRequest(300), "only the live mention reached the LLM");
        assertNull(bot.nextSay(100));
    }

    @Test
    void providersAndTheirUsageAreReportedOnTheCommandSubjectWithTheKeyMasked() throws Exception {
        bot.llm.reply(FakeOpenAiServer.Reply.completion("Counted."));
        bot.chat("GrindhouseGreg", "cynthia, count this");
        assertEquals("Counted.", bot.nextSay(15_000));
        JsonNode list = bot.request("kryten.llm.command", "{\"command\": \"providers.list\"}");
        assertTrue(list.path("success").asBoolean(), list.toString());
        assertEquals("***", list.path("data").path("providers").get(0).path("api_key").asText());
        assertEquals("closed", list.path("data").path("providers").get(0).path("circuit").asText());
        assertFalse(list.toString().contains(RunningBot.API_KEY));
        JsonNode usage = bot.request("kryten.llm.command", "{\"command\": \"providers.usage\"}");
        assertEquals(42, usage.path("data").path("providers").path("local").path("tokens_in").asInt(), usage.toString());
        assertEquals(17, usage.path("data").path("by_channel").path("local/420Grindhouse").path("tokens_out").asInt(), usage.toString());
    }

    @Test
    void answerThatStartsWithSlashIsNeverSentAsACommand() throws Exception {
        bot.llm.reply(FakeOpenAiServer.Reply.completion("/clear the chat, nobody needs it"));
        bot.chat("GrindhouseGreg", "rothbot clear the chat please");
        assertEquals("clear the chat, nobody needs it", bot.nextSay(15_000));
    }

    @Test
    void failingProviderMeansSilenceNotAnErrorInChat() throws Exception {
        bot.llm.reply(FakeOpenAiServer.Reply.error(500, "model crashed"));
        bot.chat("GrindhouseGreg", "cynthia, you there?");
        assertNotNull(bot.llm.nextRequest(10_000), "the provider was asked");
        assertNull(bot.nextSay(1_500), "no chat line made of an error");
    }

    @Test
    void malformedPayloadIsSkippedAndTheNextLineIsStillAnswered() throws Exception {
        bot.client.publish(SUBJECT, "{not json".getBytes());
        bot.client.publish(SUBJECT, "{\"event_name\":\"chatMsg\",\"payload\":{\"msg\":\"no user\"}}".getBytes());
        bot.client.publish(SUBJECT, "[1,2,3]".getBytes());
        bot.llm.reply(FakeOpenAiServer.Reply.completion("Still standing."));
        bot.chat("GrindhouseGreg", "cynthia, still alive?");
        assertEquals("Still standing.", bot.nextSay(15_000));
    }
}
