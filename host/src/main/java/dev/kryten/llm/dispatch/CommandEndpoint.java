package dev.kryten.llm.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.Version;
import dev.kryten.llm.api.ProviderSettings;
import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.provider.ProviderChain;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's request/reply endpoint on {@code kryten.<service>.command}, in Kryten's shape:
 * request {@code {"command": ..., ...params}}, reply {@code {"service", "command", "success", "data"|"error"}}.
 * Commands: {@code system.ping}, {@code personality.list}, {@code personality.get},
 * {@code personality.set} ({@code channel}, {@code personality}), {@code chat.command} ({@code channel},
 * {@code name}, {@code args}: any chat command of the registry, as a trusted caller),
 * {@code providers.list} (keys masked, circuit state) and {@code providers.usage} (tokens and latency
 * per provider and channel). Access control is NATS's own (accounts and permissions on this subject).
 * Work that runs on a lane is awaited asynchronously: jnats' dispatcher thread never blocks (a
 * lane answers within {@link #LANE_TIMEOUT_SECONDS} or the request gets an error).
 */
public final class CommandEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int LANE_TIMEOUT_SECONDS = 5;
    static final String KNOWN = "system.ping, personality.list, personality.get, personality.set, chat.command, "
            + "providers.list, providers.usage";

    private final Connection connection;
    private final String service;
    private final Lanes lanes;
    private final Dispatcher subscription;
    private final long started = System.currentTimeMillis();
    private final ProviderChain providers;
    private final List<ProviderSettings> settings;

    public CommandEndpoint(Connection connection, String service, Lanes lanes, ProviderChain providers,
                           List<ProviderSettings> settings) {
        this.connection = connection;
        this.service = service;
        this.lanes = lanes;
        this.providers = providers;
        this.settings = settings;
        this.subscription = connection.createDispatcher(this::onRequest);
        subscription.subscribe(subject(service));
    }

    static String subject(String service) {
        return "kryten." + Subjects.normalizeToken(service) + ".command";
    }

    private void onRequest(Message message) {
        if (message.getReplyTo() == null) {
            return;
        }
        String command = "";
        CompletableFuture<ObjectNode> data;
        try {
            JsonNode request = JSON.readTree(message.getData());
            command = request.path("command").asText("");
            data = handle(command, request);
        } catch (Exception e) {
            data = CompletableFuture.failedFuture(e);
        }
        String name = command;
        data.orTimeout(LANE_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((result, failure) -> {
            ObjectNode reply = JSON.createObjectNode().put("service", service).put("command", name);
            if (failure == null) {
                reply.put("success", true).set("data", result);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                String why = cause instanceof java.util.concurrent.TimeoutException
                        ? "the channel did not answer within " + LANE_TIMEOUT_SECONDS + " s"
                        : cause.getMessage() == null ? cause.toString() : cause.getMessage();
                reply.put("success", false).put("error", why);
            }
            connection.publish(message.getReplyTo(), reply.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    private CompletableFuture<ObjectNode> handle(String command, JsonNode request) {
        ObjectNode data = JSON.createObjectNode();
        String channel = request.path("channel").asText("");
        switch (command) {
            case "system.ping" -> {
                data.put("pong", true).put("service", service).put("version", Version.get())
                        .put("uptime_seconds", (System.currentTimeMillis() - started) / 1000.0);
                return CompletableFuture.completedFuture(data);
            }
            case "personality.list" -> {
                ObjectNode channels = data.putObject("channels");
                CompletableFuture<?>[] each = lanes.channels().stream()
                        .map(c -> lanes.personality(c).thenAccept(id -> {
                            synchronized (channels) {
                                channels.put(c, id);
                            }
                        }))
                        .toArray(CompletableFuture[]::new);
                return CompletableFuture.allOf(each).thenApply(done -> data);
            }
            case "personality.get" -> {
                return lanes.personality(channel).thenApply(id -> {
                    if (id == null) {
                        throw new IllegalArgumentException("unknown channel '" + channel + "'");
                    }
                    return data.put("channel", channel).put("personality", id);
                });
            }
            case "personality.set" -> {
                String id = request.path("personality").asText("");
                return lanes.swapPersonality(channel, id).thenApply(ok -> {
                    if (!ok) {
                        throw new IllegalArgumentException("unknown channel '" + channel + "' or personality '" + id + "'");
                    }
                    log.info("personality of {} set to {} by a NATS request", channel, id);
                    return data.put("channel", channel).put("personality", id);
                });
            }
            case "chat.command" -> {
                String name = request.path("name").asText("");
                return lanes.runCommand(channel, name, request.path("args").asText(""), service).thenApply(reply -> {
                    if (reply == null) {
                        throw new IllegalArgumentException("unknown channel '" + channel + "' or chat command '" + name + "'");
                    }
                    return data.put("channel", channel).put("name", name).put("reply", reply);
                });
            }
            case "providers.list" -> {
                var list = data.putArray("providers");
                var states = providers.breakerStates();
                for (var p : settings) {
                    list.addObject().put("name", p.name()).put("type", p.type()).put("model", p.model())
                            .put("base_url", p.baseUrl() == null ? null : p.baseUrl().toString())
                            .put("api_key", p.hasApiKey() ? "***" : "").put("circuit", states.get(p.name()));
                }
                return CompletableFuture.completedFuture(data);
            }
            case "providers.usage" -> {
                data.setAll((ObjectNode) JSON.valueToTree(providers.usage().snapshot()));
                return CompletableFuture.completedFuture(data);
            }
            default -> throw new IllegalArgumentException("unknown command '" + command + "' (known: " + KNOWN + ")");
        }
    }

    @Override
    public void close() {
        connection.closeDispatcher(subscription);
    }
}
