package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.app.BotHost;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.nats.LocalNatsServer;
import dev.kryten.llm.nats.Subjects;
import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.KrytenWire;
import dev.kryten.llm.support.ShippedPlugins;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "420Grindhouse";
    private static final String DOMAIN = "cytu.be";
    private static final String SUBJECT = "kryten.events.cytube.420grindhouse.chatmsg";
    private static final String API_KEY = "sk-test-1234567890abcdef";

    @TempDir Path dir;
    LocalNatsServer nats;
    FakeOpenAiServer llm;
    BotHost host;
    Connection client;
    final BlockingQueue<JsonNode> commands = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        nats = LocalNatsServer.start();
        llm = new FakeOpenAiServer();
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        Path project = ShippedPlugins.projectDir();
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {
                  "nats": {"servers": ["%s"]},
                  "channels": [{"domain": "cytu.be", "channel": "420Grindhouse"}],
                  "personality": {"character_name": "CynthiaRothbot"},
                  "llm_providers": {
                    "local": {"type": "openai_compatible", "base_url": "%s", "api_key": "${TEST_LLM_KEY}",
                              "model": "test-model", "timeout_seconds": 10}
                  },
                  "message_processing": {"chat_min_delay": 0, "chat_jitter": 0, "split_delay_seconds": 0},
                  "paths": {"scripts": "%s", "personalities": "%s", "plugins": "%s"},
                  "rate_limits": {"global_max_per_minute": 2}
                }
                """.formatted(nats.url(), llm.baseUrl(), project.resolve("scripts"), project.resolve("personalities"),
                dir.resolve("plugins")));
        BotConfig loaded = new ConfigLoader(Map.of("TEST_LLM_KEY", API_KEY), dir).load(config);
        host = BotHost.start(loaded);
        client = Nats.connect(nats.url());
        var dispatcher = client.createDispatcher(m -> commands.add(readJson(m.getData())));
        dispatcher.subscribe(Subjects.ROBOT_COMMAND);
        client.flush(java.time.Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) client.close();
        if (host != null) host.close();
        if (llm != null) llm.close();
        if (nats != null) nats.close();
    }

    @Test
    void mentionGetsFormattedLlmAnswerInPartsWhileOtherLinesGetNothing() throws Exception {
        String longAnswer = "**CynthiaRothbot:** The best kick in film? Easy. " + "The spinning back kick in Yes Madam, shot in one take "
                + "with no wires and no doubles, because that is how Hong Kong crews worked in 1985. "
                + "Everything else is just editing pretending to be action, and audiences can feel the difference even when "
                + "they cannot name it. Watch the feet, not the cuts. Commit to the move or get out of the way, that is the "
                + "whole lesson, and it works on screen and off it.";
        llm.reply(FakeOpenAiServer.Reply.completion(longAnswer));
        long now = System.currentTimeMillis();

        publish("GrindhouseGreg", "nice weather for a grindhouse double feature", now, null);
        publish("CynthiaRothbot", "CynthiaRothbot is here, and cynthia says hi", now, null);
        publish("OldTimer", "hey cynthia, remember me from before you joined?", now - 3_600_000, null);
        publish("SneakyTroll", "cynthia you are bad", now, KrytenWire.meta().put("shadow", true));
        publish("[server]", "cynthia was promoted", now, null);
        publish("GrindhouseGreg", "hey cynthia, what&#39;s the best kick &#40;ever&#41;?", now + 1, null);

        List<JsonNode> says = new ArrayList<>();
        JsonNode first = commands.poll(15, TimeUnit.SECONDS);
        assertNotNull(first, "the mention got no say command");
        says.add(first);
        JsonNode more;
        while ((more = commands.poll(1, TimeUnit.SECONDS)) != null) {
            says.add(more);
        }

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
            assertEquals(DOMAIN, meta.path("domain").asText());
            assertEquals(CHANNEL, meta.path("channel").asText());
            assertTrue(meta.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"),
                    meta.path("timestamp").asText());
            assertTrue(meta.path("request_id").asText().matches("[0-9a-f-]{36}"));
        }

        FakeOpenAiServer.Received request = llm.nextRequest(1_000);
        assertNotNull(request);
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer " + API_KEY, request.header("Authorization"));
        assertEquals("test-model", request.body().path("model").asText());
        String system = request.body().path("messages").get(0).path("content").asText();
        String user = request.body().path("messages").get(1).path("content").asText();
        assertEquals("system", request.body().path("messages").get(0).path("role").asText());
        assertTrue(system.contains("You are CynthiaRothbot") && system.contains("Cynthia Rothrock"), system);
        assertTrue(user.contains("GrindhouseGreg says: hey what's the best kick (ever)?"), user);
        assertFalse(user.contains(API_KEY) || system.contains(API_KEY));
        assertNull(llm.nextRequest(300), "only the live mention reached the LLM");
        assertTrue(commands.isEmpty());
    }

    @Test
    void answerThatStartsWithSlashIsNeverSentAsACommand() throws Exception {
        llm.reply(FakeOpenAiServer.Reply.completion("/clear the chat, nobody needs it"));
        publish("GrindhouseGreg", "rothbot clear the chat please", System.currentTimeMillis(), null);
        JsonNode say = commands.poll(15, TimeUnit.SECONDS);
        assertNotNull(say);
        assertEquals("clear the chat, nobody needs it", say.path("args").path("message").asText());
    }

    @Test
    void failingProviderMeansSilenceNotAnErrorInChat() throws Exception {
        llm.reply(FakeOpenAiServer.Reply.error(500, "model crashed"));
        publish("GrindhouseGreg", "cynthia, you there?", System.currentTimeMillis(), null);
        assertNotNull(llm.nextRequest(10_000), "the provider was asked");
        assertNull(commands.poll(1_500, TimeUnit.MILLISECONDS), "no chat line made of an error");
    }

    @Test
    void malformedPayloadIsSkippedAndTheNextLineIsStillAnswered() throws Exception {
        client.publish(SUBJECT, "{not json".getBytes());
        client.publish(SUBJECT, "{\"event_name\":\"chatMsg\",\"payload\":{\"msg\":\"no user\"}}".getBytes());
        client.publish(SUBJECT, "[1,2,3]".getBytes());
        llm.reply(FakeOpenAiServer.Reply.completion("Still standing."));
        publish("GrindhouseGreg", "cynthia, still alive?", System.currentTimeMillis(), null);
        JsonNode say = commands.poll(15, TimeUnit.SECONDS);
        assertNotNull(say);
        assertEquals("Still standing.", say.path("args").path("message").asText());
    }

    private void publish(String user, String escapedMsg, long time, com.fasterxml.jackson.databind.node.ObjectNode meta) {
        client.publish(SUBJECT, KrytenWire.chatMsg(CHANNEL, DOMAIN, user, escapedMsg, time, meta));
    }

    private static JsonNode readJson(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
