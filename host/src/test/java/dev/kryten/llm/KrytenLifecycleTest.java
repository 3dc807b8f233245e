package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.support.RunningBot;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot in Kryten's service registry (kryten-protocol.md §4), on a real nats-server. */
class KrytenLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    record Event(String subject, JsonNode body) {}

    @Test
    void announcesOnDiscoveryAndRobotStartBeatsAndSaysGoodbye() throws Exception {
        RunningBot bot = RunningBot.start(dir, "\"service_metadata\": {\"service_name\": \"llm\", \"heartbeat_interval_seconds\": 5}");
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (Connection registry = Nats.connect(bot.nats.url())) {
            var d = registry.createDispatcher(m -> events.add(new Event(m.getSubject(), read(m.getData()))));
            d.subscribe("kryten.lifecycle.llm.>");
            registry.flush(Duration.ofSeconds(2));

            registry.publish("kryten.service.discovery.poll", "{}".getBytes());
            Event startup = next(events, "kryten.lifecycle.llm.startup", 5_000);
            assertEquals("llm", startup.body().path("service").asText());
            assertEquals(Version.get(), startup.body().path("version").asText());
            assertTrue(startup.body().path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
            assertTrue(startup.body().path("uptime_seconds").isNumber());
            assertEquals("cynthia-rothrock", startup.body().path("personality").asText());
            assertEquals(1, startup.body().path("providers_configured").asInt());
            JsonNode endpoints = startup.body().path("metadata").path("endpoints");
            assertEquals(bot.host.healthPort().orElseThrow(), endpoints.path("health").path("port").asInt(), startup.body().toString());
            assertEquals("/health", endpoints.path("health").path("path").asText());
            assertEquals("/metrics", endpoints.path("metrics").path("path").asText());

            registry.publish("kryten.lifecycle.robot.startup", "{\"service\": \"robot\"}".getBytes());
            assertNotNull(next(events, "kryten.lifecycle.llm.startup", 5_000), "a Robot start makes the bot announce again");

            assertNotNull(next(events, "kryten.lifecycle.llm.heartbeat", 8_000), "a heartbeat within the interval");

            CountDownLatch restart = new CountDownLatch(1);
            bot.host.onRestartRequested(restart::countDown);
            registry.publish("kryten.lifecycle.group.restart",
                    "{\"initiator\": \"ops\", \"reason\": \"deploy\", \"delay_seconds\": 0.2}".getBytes());
            assertTrue(restart.await(5, TimeUnit.SECONDS), "a group restart asks the process to stop");

            bot.close();
            Event shutdown = next(events, "kryten.lifecycle.llm.shutdown", 5_000);
            assertEquals("Normal shutdown", shutdown.body().path("reason").asText());
        }
    }

    private static Event next(BlockingQueue<Event> events, String subject, long timeoutMs) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < until) {
            Event e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.subject().equals(subject)) {
                return e;
            }
        }
        throw new AssertionError("no " + subject + " within " + timeoutMs + " ms");
    }

    private static JsonNode read(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
