package dev.kryten.llm.app;

import dev.kryten.llm.command.ChatCommands;
import dev.kryten.llm.command.PersonaCommand;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigException;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.dispatch.CommandEndpoint;
import dev.kryten.llm.dispatch.Lanes;
import dev.kryten.llm.dispatch.RobotWatch;
import dev.kryten.llm.format.FormatterChain;
import dev.kryten.llm.guard.ReplyGuard;
import dev.kryten.llm.kryten.KrytenCommands;
import dev.kryten.llm.metrics.HealthServer;
import dev.kryten.llm.metrics.HostState;
import dev.kryten.llm.metrics.Metrics;
import dev.kryten.llm.nats.NatsConnector;
import dev.kryten.llm.plugin.PluginHost;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.script.Personas;
import dev.kryten.llm.script.ScriptCatalog;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptException;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.send.DryRunSink;
import dev.kryten.llm.send.NatsReplySink;
import dev.kryten.llm.turn.OutcomeLog;
import dev.kryten.llm.turn.TurnListeners;
import dev.kryten.llm.turn.TurnRunner;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot and the one place it is wired: every part is built from a validated config in
 * dependency order (scripts and plugins first, so a bad file stops the start before anything
 * connects), and each part that must be stopped is pushed on a stack as it starts, so
 * {@link #close()} stops them in exactly the reverse order, and a start that fails half-way stops
 * what it had started.
 */
public final class BotHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotHost.class);

    /**
     * How the host runs, beyond the config.
     *
     * @param clock  the clock every time-based rule reads (tests drive it)
     * @param random the random source for every chance-based rule (tests seed it)
     * @param dryRun replies are logged, never said (the whole path runs, the channel hears nothing)
     */
    public record Options(Clock clock, RandomGenerator random, boolean dryRun) {
        public static Options defaults() {
            return new Options(Clock.systemUTC(), RandomGenerator.getDefault(), false);
        }

        public Options withDryRun(boolean on) {
            return new Options(clock, random, on);
        }
    }

    private final BotConfig config;
    private final String instanceId;
    private final ScriptLibrary library;
    private final Lanes lanes;
    private final TurnListeners listeners;
    private final FileWatcher watcher;
    private final KrytenLifecycle lifecycle;
    private final Deque<AutoCloseable> running;
    private final PluginHost plugins;
    private final LiveProbes probes;
    private final OptionalInt healthPort;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ConfigReload configReload;

    private BotHost(BotConfig config, String instanceId, ScriptLibrary library, PluginHost plugins, Lanes lanes,
                    TurnListeners listeners, KrytenLifecycle lifecycle, Deque<AutoCloseable> running, LiveProbes probes,
                    OptionalInt healthPort) throws IOException {
        this.config = config;
        this.probes = probes;
        this.healthPort = healthPort;
        this.instanceId = instanceId;
        this.library = library;
        this.plugins = plugins;
        this.lanes = lanes;
        this.listeners = listeners;
        this.lifecycle = lifecycle;
        this.running = running;
        this.watcher = new FileWatcher(this::filesChanged);
        running.push(watcher);
        watcher.watchTree(config.paths().scripts());
        watcher.watchTree(config.paths().personalities());
        if (Files.isDirectory(config.paths().plugins())) {
            watcher.watchTree(config.paths().plugins());
        }
    }

    /** Starts the bot with the system clock; returns when it is subscribed and ready to answer. */
    public static BotHost start(BotConfig config) throws InterruptedException {
        return start(config, Options.defaults());
    }

    /**
     * Starts the bot; returns when it is subscribed and ready to answer.
     *
     * @throws ConfigException a provider type or formatter no plugin offers
     * @throws ScriptException a personality or prompt file that is missing or broken
     */
    public static BotHost start(BotConfig config, Options options) throws InterruptedException {
        long started = System.nanoTime();
        config.warnings().forEach(w -> log.warn("config {}", w));
        String instanceId = instanceId(options.random());
        Deque<AutoCloseable> running = new ArrayDeque<>();
        LiveProbes probes = null;
        try {
            ScriptEngine engine = push(running, new ScriptEngine());
            PluginHost plugins = push(running, new PluginHost(config.paths().plugins()));
            ProviderChain providers = new ProviderChain(config.providers(), plugins::provider, config.retryPolicy());
            providers.requirePlugins(plugins.providersByType().keySet());
            FormatterChain formatters = new FormatterChain(config.formatting().chain(), plugins::formatter,
                    plugins.formattersByName().keySet());
            ScriptLibrary library = new ScriptLibrary(engine, config.paths().scripts(), config.paths().personalities(),
                    config.scriptConfig());
            ScriptCatalog catalog = library.loadAll();
            if (!catalog.contains(catalog.promptFile())) {
                throw new ScriptException(catalog.displayName(catalog.promptFile()), 0, 0,
                        "the prompt builder is missing or broken (see the error above); looked in " + catalog.promptFile());
            }
            if (catalog.triggerFiles().isEmpty()) {
                log.warn("no trigger scripts in {}: the bot will never answer", config.paths().scripts().resolve("triggers"));
            }
            Personas personas = new Personas(config.personality());
            TurnListeners listeners = new TurnListeners(new OutcomeLog());
            probes = new LiveProbes(library, engine, providers);
            // before NATS, which may keep the start waiting: /health then says "starting", and a taken port fails at once;
            // pushed before the turns, so /health still answers (draining) while close() waits for them
            OptionalInt healthPort = OptionalInt.empty();
            if (config.metrics().enabled()) {
                Metrics metrics = push(running, new Metrics(probes, providers.names()));
                listeners.add(metrics);
                healthPort = OptionalInt.of(push(running, HealthServer.start(config.metrics(), probes, metrics)).port());
            }
            TurnRunner turns = push(running, new TurnRunner(providers, formatters, new ReplyGuard(config.messageProcessing().maxMessageLength(),
                    secrets(config)), options.clock()));

            KrytenLifecycle[] announcer = new KrytenLifecycle[1]; // reconnects may come before it exists
            Connection connection = push(running, NatsConnector.connect(config.nats(), "kryten-llm-" + config.serviceName()
                    + "-" + instanceId, () -> {
                if (announcer[0] != null) {
                    announcer[0].announce(); // the registry may have missed us while we were away
                }
            }), c -> {
                try {
                    c.drain(Duration.ofSeconds(5));
                } catch (Exception e) {
                    log.warn("NATS drain did not finish cleanly: {}", e.toString());
                }
                c.close();
            });
            probes.connected(connection);
            RobotWatch robot = push(running, new RobotWatch(connection, options.clock()));
            KrytenCommands say = new KrytenCommands(config.serviceName());
            Lanes.SinkFactory sinks = options.dryRun()
                    ? channel -> new DryRunSink(channel, options.clock())
                    : channel -> new NatsReplySink(channel, connection, say, config.messageProcessing(), options.clock(),
                            options.random());
            ChatCommands commands = new ChatCommands()
                    .register(PersonaCommand.create(config.admin().personaCommand(), config.admin().minRank()));
            Lanes lanes = push(running, new Lanes(config, connection, engine, library, personas, commands, turns, listeners, sinks,
                    robot, options.clock(), options.random()));
            config.channels().forEach(lanes::open);
            probes.lanesOpen(lanes);
            push(running, new CommandEndpoint(connection, config.serviceName(), lanes, providers, config.providers()));
            connection.flush(Duration.ofSeconds(5));
            KrytenLifecycle lifecycle = push(running, new KrytenLifecycle(connection, config, lanes.channels(),
                    catalog.triggerFiles().stream().map(ScriptCatalog::id).toList(), instanceId, healthPort));
            announcer[0] = lifecycle;
            if (options.dryRun()) {
                log.warn("dry run: replies are logged, never said");
            }
            log.info("ready in {} ms: instance {}, channels {}, providers {}, triggers {}", (System.nanoTime() - started) / 1_000_000,
                    instanceId, lanes.channels(), providers.names(), catalog.triggerFiles().stream().map(ScriptCatalog::id).toList());
            BotHost host = new BotHost(config, instanceId, library, plugins, lanes, listeners, lifecycle, running, probes,
                    healthPort);
            probes.moveTo(HostState.RUNNING);
            return host;
        } catch (RuntimeException | InterruptedException | IOException | java.util.concurrent.TimeoutException e) {
            stopAll(running);
            if (probes != null) {
                probes.moveTo(HostState.STOPPED);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("start failed: " + e.getMessage(), e);
        }
    }

    /** A closeable whose stop needs more than {@code close()}. */
    private interface Stopper<T> {
        void stop(T part) throws Exception;
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> running, T part) {
        running.push(part);
        return part;
    }

    private static <T> T push(Deque<AutoCloseable> running, T part, Stopper<T> stopper) {
        running.push(() -> stopper.stop(part));
        return part;
    }

    private static void stopAll(Deque<AutoCloseable> running) {
        AutoCloseable part;
        while ((part = running.poll()) != null) {
            try {
                part.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | LinkageError e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Every configured secret, so the guard can refuse a reply that would leak one. */
    private static List<String> secrets(BotConfig config) {
        List<String> secrets = new ArrayList<>();
        config.providers().forEach(p -> {
            secrets.add(p.apiKey());
            secrets.addAll(ProviderChain.secretHeaderValues(p));
        });
        secrets.add(config.nats().password());
        secrets.add(config.nats().token());
        return secrets;
    }

    /** A short random id for this process, so several hosts on one NATS can tell each other apart. */
    private static String instanceId(RandomGenerator random) {
        String hex = Long.toHexString(random.nextLong() & 0xffff_ffffL);
        return "00000000".substring(hex.length()) + hex;
    }

    /** What to do when Kryten asks the group to restart (after its delay): the CLI stops the process cleanly. */
    public void onRestartRequested(Runnable action) {
        lifecycle.onRestart(action);
    }

    /** Also applies saved changes of the config file (see {@link ConfigReload} for what applies live). */
    public void watchConfig(Path file, ConfigLoader loader) throws IOException {
        configReload = new ConfigReload(file, loader, config, lanes, library);
        watcher.watchFile(file);
    }

    private void filesChanged(Set<Path> paths) {
        ConfigReload reload = configReload;
        for (Path path : paths) {
            if (reload != null && path.equals(reload.file())) {
                reload.reload();
            } else if (path.toString().endsWith(".js")) {
                library.refresh(path);
            }
        }
        if (paths.stream().anyMatch(p -> p.toString().endsWith(".jar") && p.startsWith(config.paths().plugins().toAbsolutePath().normalize()))) {
            plugins.refresh(); // on the watcher's one thread: PF4J's manager is not thread-safe
        }
    }

    /** The channels' lanes: open or close channels, swap personalities. */
    public Lanes lanes() {
        return lanes;
    }

    /** Where outcomes of lines go; add a listener to observe them (it sees lines from then on). */
    public TurnListeners listeners() {
        return listeners;
    }

    public ScriptLibrary scripts() {
        return library;
    }

    /** This process's id among hosts sharing a NATS (8 hex digits, new at each start). */
    public String instanceId() {
        return instanceId;
    }

    /** Where the host is in its life (what {@code /health} reports as {@code state}). */
    public HostState state() {
        return probes.state();
    }

    /** The port {@code /health} and {@code /metrics} are served on (the one picked, for port 0); empty when disabled. */
    public OptionalInt healthPort() {
        return healthPort;
    }

    /** The bot's chat name (its CyTube account). */
    public String accountName() {
        return lanes.accountName();
    }

    /** Stops every part in the reverse order of their start; {@code /health} says draining meanwhile. Once only. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        probes.moveTo(HostState.DRAINING);
        stopAll(running);
        probes.moveTo(HostState.STOPPED);
        log.info("stopped");
    }
}
