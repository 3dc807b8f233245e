package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.app.BotHost;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigException;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.metrics.HostState;
import dev.kryten.llm.nats.LocalNatsServer;
import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.OutcomeRecorder;
import dev.kryten.llm.support.RunningBot;
import dev.kryten.llm.support.ShippedPlugins;
import dev.kryten.llm.turn.LineOutcome;
import dev.kryten.llm.turn.Outcome;
import dev.kryten.llm.turn.TurnListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health and /metrics over real HTTP, on a bot with a real nats-server, in each state of its life. */
class HealthAndMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir Path dir;

    record Response(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Response get(int port, String path) throws IOException, InterruptedException {
        return send(port, path, "GET");
    }

    static Response send(int port, String path, String method) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    static CompletableFuture<Response> getAsync(int port, String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body()));
    }

    /** The value of one Prometheus series (its name and labels exactly as written), if present. */
    static OptionalDouble sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).strip())).findFirst();
    }

    @Test
    void healthIsOkWhileRunningAndDownWhileNatsIsAway() throws Exception {
        try (LogCapture log = new LogCapture(); RunningBot bot = RunningBot.start(dir, "")) {
            int port = bot.host.healthPort().orElseThrow();

            Response ok = get(port, "/health");
            assertEquals(200, ok.status(), ok.body());
            assertEquals("application/json; charset=utf-8", ok.contentType());
            JsonNode health = ok.json();
            assertEquals("ok", health.path("status").asText(), ok.body());
            assertEquals("running", health.path("state").asText());
            assertTrue(health.path("nats").path("connected").asBoolean());
            assertTrue(health.path("scripts").path("ok").asBoolean());
            assertEquals(1, health.path("scripts").path("version").asLong());
            assertEquals("local", health.path("providers").path(0).path("name").asText());
            assertEquals("closed", health.path("providers").path(0).path("circuit").asText());
            JsonNode channel = health.path("channels").path(RunningBot.CHANNEL);
            assertEquals(0, channel.path("waiting").asInt(-1), ok.body());
            assertEquals(0, channel.path("in_flight").asInt(-1), ok.body());

            assertEquals(404, get(port, "/healthz").status(), "exact paths only");
            assertEquals(404, get(port, "/").status());
            assertEquals(405, send(port, "/health", "POST").status());
            assertEquals(200, send(port, "/health", "HEAD").status());

            bot.nats.stop();
            log.await(15_000, "disconnected from NATS");
            Response down = get(port, "/health");
            assertEquals(503, down.status(), down.body());
            assertEquals("down", down.json().path("status").asText());
            assertEquals("running", down.json().path("state").asText(), "the host runs on; it is NATS that is away");
            assertFalse(down.json().path("nats").path("connected").asBoolean(true));
            assertTrue(down.json().path("reasons").toString().contains("NATS is not connected"), down.body());

            bot.nats.restart();
            log.await(30_000, "reconnected to NATS");
            Response back = get(port, "/health");
            assertEquals(200, back.status(), back.body());
            assertTrue(back.json().path("nats").path("connected").asBoolean());
        }
    }

    @Test
    void metricsCountersMoveWhenAMentionIsAnswered() throws Exception {
        try (RunningBot bot = RunningBot.start(dir, "")) {
            int port = bot.host.healthPort().orElseThrow();
            String answeredSeries = "kryten_llm_outcomes_total{channel=\"" + RunningBot.CHANNEL + "\",kind=\"answered\",rule=\"none\"}";
            Response before = get(port, "/metrics");
            assertEquals(200, before.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", before.contentType());
            assertTrue(sample(before.body(), answeredSeries).isEmpty(), "nothing answered yet");
            assertTrue(before.body().contains("jvm_memory_used_bytes{"), "the JVM binders are there");
            assertEquals(1.0, sample(before.body(), "kryten_llm_nats_connected").orElseThrow());
            assertEquals(0.0, sample(before.body(), "kryten_llm_turns_waiting{channel=\"" + RunningBot.CHANNEL + "\"}").orElseThrow());
            assertEquals(0.0, sample(before.body(), "kryten_llm_provider_failures_total{provider=\"local\"}").orElseThrow());

            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            bot.llm.reply(FakeOpenAiServer.Reply.completion("Hello, Greg."));
            bot.chat("Greg", "cynthia, hello?");
            outcomes.await(o -> o.outcome() instanceof Outcome.Answered, 15_000);

            String after = get(port, "/metrics").body();
            assertEquals(1.0, sample(after, answeredSeries).orElseThrow(), after);
            assertTrue(sample(after, "kryten_llm_lines_total{channel=\"" + RunningBot.CHANNEL + "\"}").orElseThrow() >= 1);
            assertTrue(after.lines().anyMatch(l -> l.startsWith("kryten_llm_answer_latency_seconds_bucket{provider=\"local\",le=")),
                    "a latency histogram for the provider that answered");
            assertEquals(1.0, sample(after, "kryten_llm_answer_latency_seconds_count{provider=\"local\"}").orElseThrow());
            assertEquals(42.0, sample(after, "kryten_llm_tokens_total{direction=\"in\",provider=\"local\"}").orElseThrow());
            assertEquals(17.0, sample(after, "kryten_llm_tokens_total{direction=\"out\",provider=\"local\"}").orElseThrow());
            assertEquals(1.0, sample(after, "kryten_llm_parts_sent_total{channel=\"" + RunningBot.CHANNEL + "\"}").orElseThrow());
            assertEquals(1.0, sample(after, "kryten_llm_scripts_version").orElseThrow());
        }
    }

    @Test
    void aScriptThatDoesNotLoadDegradesHealthAndFailingTriggersAreCounted() throws Exception {
        try (LogCapture log = new LogCapture(); RunningBot bot = RunningBot.startWithEditableScripts(dir, "")) {
            int port = bot.host.healthPort().orElseThrow();
            Path banana = bot.scripts.resolve("triggers/banana.js");
            Files.writeString(banana, """
                    export const prefilter = { words: ['banana'] };
                    export default function banana(message) { throw new Error('no bananas today'); }
                    """);
            log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "scripts/triggers/banana.js added");
            OutcomeRecorder outcomes = new OutcomeRecorder();
            bot.host.listeners().add(outcomes);
            bot.chat("Greg", "banana split anyone?");
            outcomes.await(o -> "banana split anyone?".equals(o.text()), 10_000);
            String metrics = get(port, "/metrics").body();
            assertEquals(1.0, sample(metrics, "kryten_llm_script_failures_total").orElseThrow(), "the trigger threw once");
            assertEquals(2.0, sample(metrics, "kryten_llm_scripts_version").orElseThrow(), "one reload");

            log.clear();
            Files.writeString(banana, "export default function (");
            log.await(10_000, "scripts/triggers/banana.js", "keeping the last good version");
            Response degraded = get(port, "/health");
            assertEquals(503, degraded.status(), degraded.body());
            assertEquals("degraded", degraded.json().path("status").asText());
            assertFalse(degraded.json().path("scripts").path("ok").asBoolean(true));
            assertTrue(degraded.json().path("scripts").path("problems").path(0).asText().contains("banana.js"), degraded.body());
            assertEquals(1.0, sample(get(port, "/metrics").body(), "kryten_llm_scripts_problems").orElseThrow());

            Files.writeString(banana, "export default function banana(message) { return null; }\n");
            log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "scripts/triggers/banana.js reloaded");
            Response fixed = get(port, "/health");
            assertEquals(200, fixed.status(), fixed.body());
            assertTrue(fixed.json().path("scripts").path("ok").asBoolean());
            assertEquals(3, fixed.json().path("scripts").path("version").asLong());
        }
    }

    @Test
    void healthSaysStartingWhileTheBotWaitsForNats() throws Exception {
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        Path project = ShippedPlugins.projectDir();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (LocalNatsServer nats = LocalNatsServer.start(); LogCapture log = new LogCapture()) {
            nats.stop(); // NATS is down when the bot starts
            BotConfig config = new ConfigLoader(Map.of(), dir).parse("""
                    {"nats": {"servers": ["%s"]}, "channels": [{"channel": "%s"}],
                     "paths": {"scripts": "%s", "personalities": "%s", "plugins": "%s"},
                     "metrics": {"port": %d}}
                    """.formatted(nats.url(), RunningBot.CHANNEL, project.resolve("scripts"), project.resolve("personalities"),
                    dir.resolve("plugins"), port), "test");
            CompletableFuture<BotHost> started = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    started.complete(BotHost.start(config));
                } catch (Throwable e) {
                    started.completeExceptionally(e);
                }
            });
            log.await(30_000, "health and metrics on");
            Response starting = get(port, "/health");
            assertEquals(503, starting.status(), starting.body());
            assertEquals("down", starting.json().path("status").asText());
            assertEquals("starting", starting.json().path("state").asText());
            assertFalse(starting.json().path("nats").path("connected").asBoolean(true));
            assertEquals(200, get(port, "/metrics").status(), "metrics are served while starting too");

            nats.restart(); // NATS comes up: the waiting start completes
            try (BotHost host = started.get(30, TimeUnit.SECONDS)) {
                Response running = get(port, "/health");
                assertEquals(200, running.status(), running.body());
                assertEquals("running", running.json().path("state").asText());
            }
        }
    }

    @Test
    void healthSaysDrainingWhileTheHostStopsAndTheEndpointCloses() throws Exception {
        try (LogCapture log = new LogCapture(); RunningBot bot = RunningBot.start(dir, "")) {
            int port = bot.host.healthPort().orElseThrow();
            bot.robotAway(); // the reply waits for the Robot, so a turn is in flight when the host stops
            bot.llm.reply(FakeOpenAiServer.Reply.completion("Still here."));
            bot.chat("Greg", "cynthia, are you there?");
            log.await(15_000, "holding the reply and asking again");
            Response busy = get(port, "/health");
            assertEquals(1, busy.json().path("channels").path(RunningBot.CHANNEL).path("in_flight").asInt(), busy.body());
            assertEquals(1.0, sample(get(port, "/metrics").body(),
                    "kryten_llm_turns_in_flight{channel=\"" + RunningBot.CHANNEL + "\"}").orElseThrow());

            CompletableFuture<Response> duringClose = new CompletableFuture<>();
            bot.host.listeners().add(new TurnListener() { // runs on the turn's thread while close() stops the parts
                @Override
                public void onOutcome(LineOutcome outcome) {
                    if (outcome.outcome() instanceof Outcome.Dropped && !duringClose.isDone()) {
                        // join() ignores interrupts: close() interrupts the turns it waits for, and this one must ask first
                        getAsync(port, "/health").whenComplete((r, e) -> {
                            if (e != null) {
                                duringClose.completeExceptionally(e);
                            } else {
                                duringClose.complete(r);
                            }
                        }).exceptionally(e -> null).join();
                    }
                }
            });
            bot.host.close();
            Response draining = duringClose.get(10, TimeUnit.SECONDS);
            assertEquals(503, draining.status(), draining.body());
            assertEquals("draining", draining.json().path("state").asText());
            assertEquals(HostState.STOPPED, bot.host.state());
            assertThrows(IOException.class, () -> get(port, "/health"), "the endpoint is closed with the host");
        }
    }

    @Test
    void aTakenPortStopsTheStartWithOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            var e = assertThrows(ConfigException.class,
                    () -> RunningBot.setup(dir).extra("\"metrics\": {\"port\": " + port + "}").start());
            assertEquals("metrics.port", e.key());
            assertTrue(e.getMessage().startsWith("metrics.port: port " + port + " on 127.0.0.1 is in use"), e.getMessage());
            assertTrue(e.getMessage().contains("28282-28290") && e.getMessage().contains("metrics.enabled"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
    }

    @Test
    void aSavedChangeOfTheMetricsSectionNeedsARestart() throws Exception {
        try (LogCapture log = new LogCapture(); RunningBot bot = RunningBot.start(dir, "")) {
            Files.writeString(bot.config, bot.configText("\"metrics\": {\"port\": 0, \"host\": \"localhost\"}"));
            assertTrue(log.await(10_000, "take effect after a restart").contains("[metrics]"), log.lines().toString());
        }
    }

    @Test
    void noEndpointWhenDisabled() throws Exception {
        try (RunningBot bot = RunningBot.setup(dir).extra("\"metrics\": {\"enabled\": false}").start()) {
            assertTrue(bot.host.healthPort().isEmpty());
            assertEquals(HostState.RUNNING, bot.host.state());
        }
    }
}
