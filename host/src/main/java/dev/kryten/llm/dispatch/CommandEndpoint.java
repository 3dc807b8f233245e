package dev.kryten.llm.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.Version;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's request/reply endpoint on {@code kryten.<service>.command}, in Kryten's shape:
 * request {@code {"command": ..., ...params}}, reply {@code {"service", "command", "success", "data"|"error"}}.
 * Commands: {@code system.ping}, {@code personality.list}, {@code personality.get},
 * {@code personality.set} ({@code channel}, {@code personality}), {@code providers.list} (keys masked,
 * circuit state) and {@code providers.usage} (tokens and latency per provider and channel). Access control is NATS's own
 * (accounts and permissions on this subject).
 */
public final class CommandEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final String service;
    private final Lanes lanes;
    private final io.nats.client.Dispatcher subscription;
    private final long started = System.currentTimeMillis();

    private final dev.kryten.llm.provider.ProviderChain providers;
    private final java.util.List<dev.kryten.llm.api.ProviderSettings> settings;

    public CommandEndpoint(Connection connection, String service, Lanes lanes, dev.kryten.llm.provider.ProviderChain providers,
                    java.util.List<dev.kryten.llm.api.ProviderSettings> settings) {
        this.connection = connection;
        this.service = service;
        this.lanes = lanes;
        this.providers = providers;
        this.settings = settings;
        this.subscription = connection.createDispatcher(this::onRequest);
        subscription.subscribe(subject(service));
    }

    static String subject(String service) {
        return "kryten." + dev.kryten.llm.nats.Subjects.normalizeToken(service) + ".command";
    }

    private void onRequest(Message message) {
        if (message.getReplyTo() == null) {
            return;
        }
        ObjectNode reply = JSON.createObjectNode().put("service", service);
        try {
            JsonNode request = JSON.readTree(message.getData());
            String command = request.path("command").asText("");
            reply.put("command", command);
            ObjectNode data = JSON.createObjectNode();
            switch (command) {
                case "system.ping" -> data.put("pong", true).put("service", service).put("version", Version.get())
                        .put("uptime_seconds", (System.currentTimeMillis() - started) / 1000.0);
                case "personality.list" -> {
                    var channels = data.putObject("channels");
                    for (String channel : lanes.channels()) {
                        channels.put(channel, lanes.personality(channel).get(2, TimeUnit.SECONDS));
                    }
                }
                case "personality.get" -> {
                    String channel = request.path("channel").asText("");
                    String id = lanes.personality(channel).get(2, TimeUnit.SECONDS);
                    if (id == null) {
                        throw new IllegalArgumentException("unknown channel '" + channel + "'");
                    }
                    data.put("channel", channel).put("personality", id);
                }
                case "personality.set" -> {
                    String channel = request.path("channel").asText("");
                    String id = request.path("personality").asText("");
                    if (!lanes.swapPersonality(channel, id).get(5, TimeUnit.SECONDS)) {
                        throw new IllegalArgumentException("unknown channel '" + channel + "' or personality '" + id + "'");
                    }
                    data.put("channel", channel).put("personality", id);
                    log.info("personality of {} set to {} by a NATS request", channel, id);
                }
                case "providers.list" -> {
                    var list = data.putArray("providers");
                    var states = providers.breakerStates();
                    for (var p : settings) {
                        list.addObject().put("name", p.name()).put("type", p.type()).put("model", p.model())
                                .put("base_url", p.baseUrl() == null ? null : p.baseUrl().toString())
                                .put("api_key", p.hasApiKey() ? "***" : "").put("circuit", states.get(p.name()));
                    }
                }
                case "providers.usage" -> data.setAll((ObjectNode) JSON.valueToTree(providers.usage().snapshot()));
                default -> throw new IllegalArgumentException("unknown command '" + command + "' (known: system.ping, "
                        + "personality.list, personality.get, personality.set, providers.list, providers.usage)");
            }
            reply.put("success", true).set("data", data);
        } catch (Exception e) {
            reply.put("success", false).put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        connection.publish(message.getReplyTo(), reply.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        connection.closeDispatcher(subscription);
    }
}
