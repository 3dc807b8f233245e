package dev.kryten.llm.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.Version;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.kryten.KrytenCommands;
import dev.kryten.llm.kryten.Subjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's part in Kryten's service registry (kryten-protocol.md §4): {@code startup} when it is
 * ready, again on every discovery poll, on every Kryten-Robot start (its registry starts empty) and
 * after a NATS reconnect; a {@code heartbeat} every interval; {@code shutdown} with a reason on an
 * orderly stop. A {@code kryten.lifecycle.group.restart} asks for a clean stop after its delay, so the
 * service manager starts the bot again.
 */
final class KrytenLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KrytenLifecycle.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final String service;
    private final ObjectNode facts;
    /** {@code metadata.endpoints}: where Kryten's registry finds /health and /metrics; null when they are off. */
    private final ObjectNode metadata;
    private final long startedNanos = System.nanoTime();
    private final Dispatcher listener;
    private final Thread heartbeat;
    private volatile Runnable onRestart = () -> log.warn("group restart requested, but this process has no restart handler");

    /** @param httpPort the port of /health and /metrics, or empty when they are not served */
    KrytenLifecycle(Connection connection, BotConfig config, List<String> channels, List<String> triggers, String instanceId,
                    OptionalInt httpPort) {
        this.connection = connection;
        this.service = Subjects.normalizeToken(config.serviceName());
        this.facts = JSON.createObjectNode();
        facts.put("instance", instanceId);
        facts.put("personality", config.personality().preset());
        facts.putPOJO("channels", channels);
        facts.put("providers_configured", config.providers().size());
        facts.put("triggers_loaded", triggers.size());
        this.metadata = httpPort.isPresent() ? endpoints(httpPort.getAsInt()) : null;
        this.listener = connection.createDispatcher(message -> {
            String subject = message.getSubject();
            if (subject.equals("kryten.lifecycle.group.restart")) {
                groupRestart(message.getData());
            } else {
                log.info("announcing again ({})", subject);
                publish("startup", null);
            }
        });
        if (config.lifecycle().discovery()) {
            listener.subscribe("kryten.service.discovery.poll");
            listener.subscribe("kryten.lifecycle.robot.startup");
        }
        listener.subscribe("kryten.lifecycle.group.restart");
        this.heartbeat = config.lifecycle().heartbeats() ? Thread.ofVirtual().name("heartbeat").start(() -> beat(config.lifecycle().heartbeatInterval())) : null;
        publish("startup", null);
    }

    /** kryten-py's shape (kryten-protocol.md §4.1): the Robot's registry builds health_url and metrics_url from it. */
    private static ObjectNode endpoints(int port) {
        ObjectNode metadata = JSON.createObjectNode();
        ObjectNode endpoints = metadata.putObject("endpoints");
        endpoints.putObject("health").put("port", port).put("path", "/health");
        endpoints.putObject("metrics").put("port", port).put("path", "/metrics");
        return metadata;
    }

    /** What runs when a group restart is due (the CLI stops the process cleanly). */
    void onRestart(Runnable action) {
        this.onRestart = action;
    }

    /** Announces again, e.g. after a NATS reconnect. */
    void announce() {
        publish("startup", null);
    }

    private void beat(Duration interval) {
        try {
            while (true) {
                Thread.sleep(interval); // like kryten-py: the first beat comes one interval after startup
                publish("heartbeat", null);
            }
        } catch (InterruptedException stopped) {
            // closing
        }
    }

    private void groupRestart(byte[] body) {
        double delay = 5;
        String initiator = "?";
        String reason = "";
        try {
            var request = JSON.readTree(body);
            delay = Math.max(0, request.path("delay_seconds").asDouble(5));
            initiator = request.path("initiator").asText("?");
            reason = request.path("reason").asText("");
        } catch (java.io.IOException e) {
            log.warn("group restart with an unreadable body; restarting in {} s anyway", delay);
        }
        log.warn("group restart requested by {} ({}): stopping in {} s so the service manager starts the bot again",
                initiator, reason, delay);
        long waitMs = (long) (delay * 1000);
        Thread.ofVirtual().name("group-restart").start(() -> {
            try {
                Thread.sleep(waitMs);
                onRestart.run();
            } catch (InterruptedException e) {
                // stopping anyway
            }
        });
    }

    private void publish(String event, String reason) {
        ObjectNode body = JSON.createObjectNode();
        body.put("service", service);
        body.put("version", Version.get());
        body.put("hostname", hostname());
        body.put("timestamp", KrytenCommands.timestamp());
        body.put("uptime_seconds", (System.nanoTime() - startedNanos) / 1e9);
        if (metadata != null) {
            body.set("metadata", metadata); // on every event, as kryten-py does
        }
        if (event.equals("startup")) {
            body.setAll(facts);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        try {
            connection.publish("kryten.lifecycle." + service + "." + event, body.toString().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("could not publish lifecycle {}: {}", event, e.toString());
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Publishes {@code shutdown} with the reason and stops listening. */
    void shutdown(String reason) {
        if (heartbeat != null) {
            heartbeat.interrupt();
        }
        publish("shutdown", reason);
        try {
            connection.flush(Duration.ofSeconds(2));
        } catch (Exception e) {
            log.debug("flush before shutdown failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        shutdown("Normal shutdown");
        connection.closeDispatcher(listener);
    }
}
