package dev.kryten.llm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.app.BotHost;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.nats.LocalNatsServer;
import dev.kryten.llm.nats.Subjects;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The bot as a user runs it, for scenario tests: a real nats-server, a real OpenAI-wire HTTP
 * server, the shipped plugin jars in a plugins folder, the shipped scripts and personalities
 * (copied, so a test may edit them), a config file written and loaded by the real loader, and a
 * NATS client that plays Kryten-Robot (publishes events, collects {@code say} commands).
 */
public final class RunningBot implements AutoCloseable {
    public static final String CHANNEL = "420Grindhouse";
    public static final String DOMAIN = "cytu.be";
    public static final String API_KEY = "sk-test-1234567890abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Path dir;
    public final Path config;
    public final Path scripts;
    public final Path personalities;
    public final LocalNatsServer nats;
    public final FakeOpenAiServer llm;
    public final BotHost host;
    public final Connection client;
    private final BlockingQueue<JsonNode> says = new LinkedBlockingQueue<>();

    private String providers;

    private RunningBot(Path dir, String extraConfig, boolean copyScripts) throws Exception {
        this(dir, extraConfig, copyScripts, null);
    }

    private RunningBot(Path dir, String extraConfig, boolean copyScripts, String providers) throws Exception {
        this.providers = providers;
        this.dir = dir;
        Path project = ShippedPlugins.projectDir();
        this.scripts = copyScripts ? copyTree(project.resolve("scripts"), dir.resolve("scripts")) : project.resolve("scripts");
        this.personalities = copyScripts ? copyTree(project.resolve("personalities"), dir.resolve("personalities"))
                : project.resolve("personalities");
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        this.nats = LocalNatsServer.start();
        this.llm = new FakeOpenAiServer();
        this.config = dir.resolve("config.json");
        Files.writeString(config, configText(extraConfig));
        ConfigLoader loader = new ConfigLoader(Map.of("TEST_LLM_KEY", API_KEY), dir);
        this.host = BotHost.start(loader.load(config));
        host.watchConfig(config, loader);
        this.client = Nats.connect(nats.url());
        var dispatcher = client.createDispatcher(m -> says.add(json(m.getData())));
        dispatcher.subscribe(Subjects.ROBOT_COMMAND);
        client.flush(Duration.ofSeconds(2));
    }

    /**
     * Starts with these {@code llm_providers} entries (JSON object members; {@code %LLM%} stands for
     * the OpenAI-wire server's base URL) instead of the one local provider.
     */
    public static RunningBot startWithProviders(Path dir, String providers, String extraConfig) throws Exception {
        return new RunningBot(dir, extraConfig, false, providers);
    }

    /** Starts with the shipped scripts used in place. */
    public static RunningBot start(Path dir, String extraConfig) throws Exception {
        return new RunningBot(dir, extraConfig, false);
    }

    /** Starts with copies of the shipped scripts and personalities that the test may edit. */
    public static RunningBot startWithEditableScripts(Path dir, String extraConfig) throws Exception {
        return new RunningBot(dir, extraConfig, true);
    }

    /** The config file's text; {@code extra} is a fragment of further top-level keys (may be ""). */
    public String configText(String extra) {
        return """
                {
                  "nats": {"servers": ["%s"]},
                  "channels": [{"domain": "cytu.be", "channel": "420Grindhouse"}],
                  "personality": {"character_name": "CynthiaRothbot"},
                  "llm_providers": {
                    %s
                  },
                  "message_processing": {"chat_min_delay": 0, "chat_jitter": 0, "split_delay_seconds": 0},
                  "paths": {"scripts": "%s", "personalities": "%s", "plugins": "%s"}%s
                }
                """.formatted(nats.url(), (providers != null ? providers : """
                    "local": {"type": "openai_compatible", "base_url": "%LLM%", "api_key": "${TEST_LLM_KEY}",
                              "model": "test-model", "timeout_seconds": 10}""").replace("%LLM%", llm.baseUrl()),
                scripts, personalities, dir.resolve("plugins"), extra.isBlank() ? "" : ",\n  " + extra);
    }

    /** Rewrites the config file with a channel personality (hot-reloaded by the host). */
    public void writeConfigWithChannelPersonality(String personality, String extra) throws IOException {
        String text = configText(extra).replace("\"channel\": \"420Grindhouse\"}",
                "\"channel\": \"420Grindhouse\", \"personality\": \"" + personality + "\"}");
        Files.writeString(config, text);
    }

    public void chat(String user, String escapedMsg) {
        chat(user, escapedMsg, System.currentTimeMillis(), null);
    }

    public void chat(String user, String escapedMsg, long time, ObjectNode meta) {
        client.publish(Subjects.event(CHANNEL, "chatMsg"), KrytenWire.chatMsg(CHANNEL, DOMAIN, user, escapedMsg, time, meta));
    }

    public void event(String name, JsonNode payload) {
        client.publish(Subjects.event(CHANNEL, name), KrytenWire.envelope(name, payload, CHANNEL, DOMAIN));
    }

    /** Publishes a userlist with these users and ranks. */
    public void users(Map<String, Integer> ranks) {
        var list = JSON.createArrayNode();
        ranks.forEach((name, rank) -> list.addObject().put("name", name).put("rank", rank));
        event("userlist", list);
    }

    /** The next say command's text, or null when none comes in time. */
    public String nextSay(long timeoutMs) throws InterruptedException {
        JsonNode say = says.poll(timeoutMs, TimeUnit.MILLISECONDS);
        return say == null ? null : say.path("args").path("message").asText();
    }

    public JsonNode nextSayCommand(long timeoutMs) throws InterruptedException {
        return says.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Every say that arrives until none has come for {@code idleMs}. */
    public List<JsonNode> saysUntilQuiet(long firstTimeoutMs, long idleMs) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        JsonNode next = says.poll(firstTimeoutMs, TimeUnit.MILLISECONDS);
        while (next != null) {
            out.add(next);
            next = says.poll(idleMs, TimeUnit.MILLISECONDS);
        }
        return out;
    }

    public JsonNode request(String subject, String body) throws Exception {
        var reply = client.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        return json(reply.getData());
    }

    @Override
    public void close() throws Exception {
        client.close();
        host.close();
        llm.close();
        nats.close();
    }

    private static JsonNode json(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
