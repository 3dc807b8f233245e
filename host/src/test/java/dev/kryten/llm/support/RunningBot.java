package dev.kryten.llm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.app.BotHost;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.nats.LocalNatsServer;
import dev.kryten.llm.kryten.Subjects;
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
    private static final byte[] ROBOT_ACK = "{\"service\":\"robot\",\"command\":\"say\",\"success\":true,\"data\":{\"success\":true}}"
            .getBytes(StandardCharsets.UTF_8);
    private final io.nats.client.Dispatcher robot;

    private String providers;
    private List<String> channels;
    private final String messageProcessing;

    /** What a scenario changes in the bot's set-up; everything else is the default below. */
    public static final class Setup {
        private final Path dir;
        private String extra = "";
        private boolean copyScripts;
        private String providers;
        private List<String> channels = List.of(CHANNEL);
        private String messageProcessing = "";
        private boolean dryRun;

        private Setup(Path dir) {
            this.dir = dir;
        }

        /** Further top-level config keys (a JSON object's members, without braces). */
        public Setup extra(String members) {
            this.extra = members;
            return this;
        }

        /** Copies the shipped scripts and personalities so the test may edit them. */
        public Setup editableScripts() {
            this.copyScripts = true;
            return this;
        }

        /** {@code llm_providers} members; {@code %LLM%} stands for the OpenAI-wire server's base URL. */
        public Setup providers(String members) {
            this.providers = members;
            return this;
        }

        public Setup channels(List<String> names) {
            this.channels = List.copyOf(names);
            return this;
        }

        /** More {@code message_processing} members, after the test defaults (no pacing, 1 s Robot acknowledgement). */
        public Setup messageProcessing(String members) {
            this.messageProcessing = members;
            return this;
        }

        /** Replies are only logged (the dry-run sink). */
        public Setup dryRun() {
            this.dryRun = true;
            return this;
        }

        public RunningBot start() throws Exception {
            return new RunningBot(this);
        }
    }

    public static Setup setup(Path dir) {
        return new Setup(dir);
    }

    private RunningBot(Setup setup) throws Exception {
        Path dir = setup.dir;
        String extraConfig = setup.extra;
        boolean copyScripts = setup.copyScripts;
        this.providers = setup.providers;
        this.channels = setup.channels;
        this.messageProcessing = setup.messageProcessing;
        boolean dryRun = setup.dryRun;
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
        try {
            this.host = BotHost.start(loader.load(config), BotHost.Options.defaults().withDryRun(dryRun));
        } catch (Exception | Error e) { // a start that fails (the test may want that) leaves no server running
            llm.close();
            nats.close();
            throw e;
        }
        host.watchConfig(config, loader);
        this.client = Nats.connect(nats.url());
        this.robot = client.createDispatcher(m -> {
            says.add(json(m.getData()));
            if (m.getReplyTo() != null) { // acknowledge as Kryten-Robot does
                client.publish(m.getReplyTo(), ROBOT_ACK);
            }
        });
        robot.subscribe(Subjects.ROBOT_COMMAND);
        client.flush(Duration.ofSeconds(2));
    }

    /**
     * Starts with these {@code llm_providers} entries (JSON object members; {@code %LLM%} stands for
     * the OpenAI-wire server's base URL) instead of the one local provider.
     */
    public static RunningBot startWithProviders(Path dir, String providers, String extraConfig) throws Exception {
        return setup(dir).providers(providers).extra(extraConfig).start();
    }

    /** Starts with the shipped scripts used in place. */
    public static RunningBot start(Path dir, String extraConfig) throws Exception {
        return setup(dir).extra(extraConfig).start();
    }

    /** Starts with copies of the shipped scripts and personalities that the test may edit. */
    public static RunningBot startWithEditableScripts(Path dir, String extraConfig) throws Exception {
        return setup(dir).extra(extraConfig).editableScripts().start();
    }

    /**
     * The config file's text; {@code extra} is a fragment of further top-level keys (may be ""). Unless
     * {@code extra} has its own {@code metrics}, /health and /metrics take any free port, so tests never
     * fight over the default one.
     */
    public String configText(String extra) {
        String more = extra.contains("\"metrics\"") ? extra : "\"metrics\": {\"port\": 0}" + (extra.isBlank() ? "" : ",\n  " + extra);
        return """
                {
                  "nats": {"servers": ["%s"]},
                  "channels": [%s],
                  "personality": {"character_name": "CynthiaRothbot"},
                  "llm_providers": {
                    %s
                  },
                  "message_processing": {"chat_min_delay": 0, "chat_jitter": 0, "split_delay_seconds": 0,
                                         "robot_ack_timeout_seconds": 1%s},
                  "paths": {"scripts": "%s", "personalities": "%s", "plugins": "%s"}%s
                }
                """.formatted(nats.url(), String.join(", ", channels.stream()
                        .map(c -> "{\"domain\": \"cytu.be\", \"channel\": \"" + c + "\"}").toList()), (providers != null ? providers : """
                    "local": {"type": "openai_compatible", "base_url": "%LLM%", "api_key": "${TEST_LLM_KEY}",
                              "model": "test-model", "timeout_seconds": 10}""").replace("%LLM%", llm.baseUrl()),
                messageProcessing.isBlank() ? "" : ", " + messageProcessing, scripts, personalities, dir.resolve("plugins"), ",\n  " + more);
    }

    /** Rewrites the config file with a channel personality (hot-reloaded by the host). */
    public void writeConfigWithChannelPersonality(String personality, String extra) throws IOException {
        String text = configText(extra).replace("\"channel\": \"420Grindhouse\"}",
                "\"channel\": \"420Grindhouse\", \"personality\": \"" + personality + "\"}");
        Files.writeString(config, text);
    }

    /** Rewrites the config file to serve these channels (hot-reloaded by the host). */
    public void writeConfigWithChannels(List<String> newChannels) throws IOException {
        this.channels = List.copyOf(newChannels);
        Files.writeString(config, configText(""));
    }

    public void chat(String user, String escapedMsg) {
        chat(user, escapedMsg, System.currentTimeMillis(), null);
    }

    public void chat(String user, String escapedMsg, long time, ObjectNode meta) {
        chatIn(CHANNEL, user, escapedMsg, time, meta);
    }

    public void chatIn(String channel, String user, String escapedMsg, long time, ObjectNode meta) {
        client.publish(Subjects.event(channel, "chatMsg"), KrytenWire.chatMsg(channel, DOMAIN, user, escapedMsg, time, meta));
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

    /** The Robot goes away: nobody answers {@code say} requests until {@link #robotBack()}. */
    public void robotAway() throws Exception {
        robot.unsubscribe(Subjects.ROBOT_COMMAND);
        client.flush(Duration.ofSeconds(2));
    }

    public void robotBack() throws Exception {
        robot.subscribe(Subjects.ROBOT_COMMAND);
        client.flush(Duration.ofSeconds(2));
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
