package dev.kryten.llm.dispatch;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ChannelConfig;
import dev.kryten.llm.command.ChatCommands;
import dev.kryten.llm.command.CommandSource;
import dev.kryten.llm.command.Invocation;
import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.script.Personas;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.send.ReplySink;
import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.turn.QueueDepth;
import dev.kryten.llm.turn.TurnListener;
import dev.kryten.llm.turn.TurnQueue;
import dev.kryten.llm.turn.TurnRunner;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels this host serves: one {@link ChannelLane} (thread, subscription, state, scripts,
 * turn queue, reply sink) per channel, opened and closed at run time, and routing of requests to
 * the right lane. The path of one message: {@link ChannelLane#handle} → {@link LineDecider} →
 * {@link TurnQueue} → {@link TurnRunner} → {@link ReplySink}.
 */
public final class Lanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lanes.class);
    /** Opens a channel's reply sink: NATS {@code say}, or the dry-run log. */
    @FunctionalInterface
    public interface SinkFactory {
        ReplySink open(String channel);
    }

    private record Open(ChannelLane lane, Thread thread, Subscription subscription, ReplySink sink) {}

    private final BotConfig config;
    private final Connection connection;
    private final ScriptEngine engine;
    private final ScriptLibrary library;
    private final Personas personas;
    private final TurnRunner turns;
    private final TurnListener listener;
    private final SinkFactory sinks;
    private final ReplayWindow replay;
    private final Clock clock;
    private final RandomGenerator random;
    private final String accountName;
    private final LineIds ids;
    private final ConcurrentHashMap<String, Open> lanes = new ConcurrentHashMap<>();
    private final ChatCommands commands;

    public Lanes(BotConfig config, Connection connection, ScriptEngine engine, ScriptLibrary library, Personas personas,
                 ChatCommands commands, TurnRunner turns, TurnListener listener, SinkFactory sinks, RobotWatch robot,
                 Clock clock, RandomGenerator random) {
        this.commands = commands;
        this.config = config;
        this.connection = connection;
        this.engine = engine;
        this.library = library;
        this.personas = personas;
        this.turns = turns;
        this.listener = listener;
        this.sinks = sinks;
        this.replay = robot.window();
        this.clock = clock;
        this.random = random;
        this.accountName = personas.accountName(library.current());
        this.ids = new LineIds(random.nextLong());
    }

    /** Starts listening to a channel (no-op when it is open already). */
    public synchronized void open(ChannelConfig channel) {
        String key = Subjects.normalizeToken(channel.channel());
        if (lanes.containsKey(key)) {
            return;
        }
        String personalityId = Optional.ofNullable(channel.personality()).orElse(personas.presetId());
        LineDecider decider = new LineDecider(channel.channel(), engine, library, personas, personalityId, accountName,
                new ChannelState(channel.channel(), config.chatHistorySize()), config.scriptLimits(), random, true);
        ReplySink sink = sinks.open(channel.channel());
        Subscription subscription = connection.subscribe(Subjects.allEvents(channel.channel()));
        // bounded by bytes, not by count: a burst that fits in memory is read in full, however many lines it has
        subscription.setPendingLimits(-1, config.nats().pendingLimitMb() * 1024L * 1024L);
        var parts = new ChannelLane.Parts(decider,
                new IncomingFilter(accountName, config.messageProcessing().maxMessageAge().toMillis(), replay),
                commands, sink,
                new TurnQueue(config.turns()));
        ChannelLane lane = new ChannelLane(channel.channel(), subscription, parts, config.messageProcessing().maxMessageLength(),
                config.formatting().options(), turns, listener, clock, ids);
        Thread thread = Thread.ofPlatform().name("lane-" + channel.channel()).daemon().start(lane);
        lanes.put(key, new Open(lane, thread, subscription, sink));
        log.info("listening on {} as {} (personality {})", Subjects.allEvents(channel.channel()), accountName, personalityId);
    }

    /** Stops listening to a channel: its waiting turns end as dropped, replies being sent are given up. */
    public synchronized void close(String channel) {
        Open open = lanes.remove(Subjects.normalizeToken(channel));
        if (open == null) {
            return;
        }
        stop(open);
        log.info("stopped listening to {}", open.lane().channel());
    }

    private void stop(Open open) {
        open.lane().stop(); // the lane reports what it leaves: waiting turns and unread lines end as dropped
        try {
            open.thread().join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            open.subscription().unsubscribe();
        } catch (IllegalStateException closedAlready) {
            // the connection is closing: nothing more will arrive anyway
        }
        open.sink().close();
    }

    /** The bot's CyTube account name. */
    public String accountName() {
        return accountName;
    }

    /** NATS messages the lanes have handled since start (all channels). */
    public long messagesHandled() {
        return lanes.values().stream().mapToLong(o -> o.lane().handled()).sum();
    }

    /** Each open channel's turns waiting and in flight, by channel name as configured (read from any thread). */
    public Map<String, QueueDepth> depths() {
        Map<String, QueueDepth> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lanes.values().forEach(o -> out.put(o.lane().channel(), new QueueDepth(o.lane().waitingTurns(), o.lane().turnsInFlight())));
        return out;
    }

    /** The channels, as configured. */
    public List<String> channels() {
        return lanes.values().stream().map(o -> o.lane().channel()).sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** Switches a channel's personality on its lane; completes with false when the channel or personality is unknown. */
    public CompletableFuture<Boolean> swapPersonality(String channel, String personalityId) {
        Open open = lanes.get(Subjects.normalizeToken(channel));
        if (open == null) {
            return CompletableFuture.completedFuture(false);
        }
        return open.lane().submit(decider -> decider.personalityId().equals(personalityId)
                || decider.swapPersonality(personalityId));
    }

    /**
     * Runs a chat command on a channel's lane, as a NATS caller (trusted: highest rank); completes with
     * its reply line, or with null for an unknown channel or command.
     */
    public CompletableFuture<String> runCommand(String channel, String name, String args, String caller) {
        Open open = lanes.get(Subjects.normalizeToken(channel));
        var command = commands.find(name);
        if (open == null || command.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return open.lane().submit(decider -> commands.run(command.get(),
                new Invocation(open.lane().channel(), caller, Double.MAX_VALUE, args == null ? "" : args.strip(), CommandSource.NATS),
                decider));
    }

    /** A channel's current personality id, or null for an unknown channel. */
    public CompletableFuture<String> personality(String channel) {
        Open open = lanes.get(Subjects.normalizeToken(channel));
        return open == null ? CompletableFuture.completedFuture(null) : open.lane().submit(LineDecider::personalityId);
    }

    @Override
    public synchronized void close() {
        lanes.values().forEach(this::stop);
        lanes.clear();
    }
}
