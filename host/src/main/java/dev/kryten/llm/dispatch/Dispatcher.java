package dev.kryten.llm.dispatch;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ChannelConfig;
import dev.kryten.llm.format.FormatterChain;
import dev.kryten.llm.guard.ReplyGuard;
import dev.kryten.llm.nats.KrytenCommands;
import dev.kryten.llm.nats.Subjects;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.script.ScriptCatalog;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.send.ChatSender;
import dev.kryten.llm.state.ChannelState;
import io.nats.client.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core: one {@link ChannelLane} per configured channel, a shared {@link TurnRunner}, the
 * watch on Kryten-Robot's lifecycle that tells lanes when CyTube is about to replay history, and
 * the host's own request/reply endpoint. The path of one message:
 * {@link ChannelLane#handle} → {@link LineDecider} → {@link TurnRunner} → {@link ChatSender}.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Map<String, ChannelLane> lanes = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ChatSender> senders = new ArrayList<>();
    private final io.nats.client.Dispatcher lifecycle;
    private final CommandEndpoint commands;
    private final String accountName;

    /** Subscribes and starts the lanes. */
    public Dispatcher(BotConfig config, Connection connection, ScriptEngine engine, ScriptLibrary library,
                      ProviderChain providers, FormatterChain formatters) {
        ReplayWindow replay = new ReplayWindow(System.currentTimeMillis());
        this.lifecycle = connection.createDispatcher(message -> {
            String event = Subjects.lastToken(message.getSubject());
            if (event.equals("startup") || event.equals("connected")) {
                replay.robotReconnected(System.currentTimeMillis());
                log.info("Kryten-Robot {}: chat older than now is treated as replayed history", event);
            }
        });
        lifecycle.subscribe(Subjects.ROBOT_LIFECYCLE);

        List<String> secrets = new ArrayList<>();
        config.providers().forEach(p -> {
            secrets.add(p.apiKey());
            secrets.addAll(dev.kryten.llm.provider.ProviderChain.secretHeaderValues(p));
        });
        secrets.add(config.nats().password());
        secrets.add(config.nats().token());
        TurnRunner turns = new TurnRunner(providers, formatters, new ReplyGuard(config.messageProcessing().maxMessageLength(), secrets));
        KrytenCommands say = new KrytenCommands(config.serviceName());
        BiFunction<ScriptCatalog, String, Personality> resolver = personalityResolver(config);
        this.accountName = accountName(config, library.current(), resolver);

        for (ChannelConfig channel : config.channels()) {
            String personalityId = Optional.ofNullable(channel.personality()).orElse(config.personality().preset());
            LineDecider decider = new LineDecider(channel.channel(), engine, library, resolver, personalityId, accountName,
                    new ChannelState(channel.channel(), config.chatHistorySize()), config.scriptLimits());
            ChatSender sender = new ChatSender(channel.channel(), connection, say, config.messageProcessing());
            ChannelLane lane = new ChannelLane(channel.channel(), connection.subscribe(Subjects.allEvents(channel.channel())),
                    decider,
                    new IncomingFilter(accountName, config.messageProcessing().maxMessageAge().toMillis(), replay),
                    new PersonaCommand(config.admin().personaCommand(), config.admin().minRank()),
                    config.messageProcessing().maxMessageLength(), config.formatting().options(), sender, turns);
            senders.add(sender);
            lanes.put(Subjects.normalizeToken(channel.channel()), lane);
            threads.add(Thread.ofPlatform().name("lane-" + channel.channel()).daemon().start(lane));
            log.info("listening on {} as {} (personality {})", Subjects.allEvents(channel.channel()), accountName, personalityId);
        }
        this.commands = new CommandEndpoint(connection, config.serviceName(), this, providers, config.providers());
    }

    /** A personality from a catalog, with the config's {@code personality} overrides when it is the configured preset. */
    static BiFunction<ScriptCatalog, String, Personality> personalityResolver(BotConfig config) {
        return (catalog, id) -> {
            Personality p = catalog.characters().get(id);
            if (p == null) {
                return null;
            }
            return id.equals(config.personality().preset()) ? p.withOverrides(config.personality()) : p;
        };
    }

    /** The bot's CyTube account: {@code personality.character_name}, else the preset personality's name. */
    static String accountName(BotConfig config, ScriptCatalog catalog, BiFunction<ScriptCatalog, String, Personality> resolver) {
        return config.personality().characterName().orElseGet(() -> {
            Personality preset = resolver.apply(catalog, config.personality().preset());
            if (preset == null) {
                throw new dev.kryten.llm.script.ScriptException("personalities/" + config.personality().preset() + ".js", 0, 0,
                        "the configured personality.preset is missing or broken (available: " + catalog.personalityIds() + ")");
            }
            return preset.name();
        });
    }

    /** The bot's CyTube account name. */
    public String accountName() {
        return accountName;
    }

    /** NATS messages the lanes have handled since start (all channels). */
    public long messagesHandled() {
        return lanes.values().stream().mapToLong(ChannelLane::handled).sum();
    }

    /** The channels by normalised name. */
    public List<String> channels() {
        return lanes.values().stream().map(ChannelLane::channel).toList();
    }

    /** Switches a channel's personality on its lane; completes with false when the channel or personality is unknown. */
    public CompletableFuture<Boolean> swapPersonality(String channel, String personalityId) {
        ChannelLane lane = lanes.get(Subjects.normalizeToken(channel));
        if (lane == null) {
            return CompletableFuture.completedFuture(false);
        }
        return lane.submit(decider -> decider.personalityId().equals(personalityId) || decider.swapPersonality(personalityId));
    }

    /** A channel's current personality id, or null for an unknown channel. */
    public CompletableFuture<String> personality(String channel) {
        ChannelLane lane = lanes.get(Subjects.normalizeToken(channel));
        return lane == null ? CompletableFuture.completedFuture(null) : lane.submit(LineDecider::personalityId);
    }

    @Override
    public void close() {
        commands.close();
        lanes.values().forEach(ChannelLane::stop);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.forEach(ChatSender::close);
    }
}
