package dev.kryten.llm.app;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.dispatch.Dispatcher;
import dev.kryten.llm.format.FormatterChain;
import dev.kryten.llm.nats.NatsConnector;
import dev.kryten.llm.plugin.PluginHost;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.script.ScriptCatalog;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptException;
import dev.kryten.llm.script.ScriptLibrary;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: builds every part from a validated config in dependency order (scripts and
 * plugins first, so a bad file stops the start before anything connects), connects to NATS,
 * starts the dispatcher and watches the script folders (and, with {@link #watchConfig}, the config
 * file) for changes. {@link #close()} undoes it in reverse.
 */
public final class BotHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotHost.class);

    private final BotConfig config;
    private final ScriptEngine engine;
    private final ScriptLibrary library;
    private final PluginHost plugins;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final FileWatcher watcher;
    private volatile ConfigReload configReload;
    private final KrytenLifecycle lifecycle;

    private BotHost(BotConfig config, ScriptEngine engine, ScriptLibrary library, PluginHost plugins, Connection connection,
                    Dispatcher dispatcher, KrytenLifecycle lifecycle) throws IOException {
        this.lifecycle = lifecycle;
        this.config = config;
        this.engine = engine;
        this.library = library;
        this.plugins = plugins;
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.watcher = new FileWatcher(this::filesChanged);
        watcher.watchTree(config.paths().scripts());
        watcher.watchTree(config.paths().personalities());
        if (java.nio.file.Files.isDirectory(config.paths().plugins())) {
            watcher.watchTree(config.paths().plugins());
        }
    }

    /**
     * Starts the bot; returns when it is subscribed and ready to answer.
     *
     * @throws dev.kryten.llm.config.ConfigException a provider type or formatter no plugin offers
     * @throws ScriptException a personality or prompt file that is missing or broken
     */
    public static BotHost start(BotConfig config) throws InterruptedException {
        long started = System.nanoTime();
        config.warnings().forEach(w -> log.warn("config {}", w));
        ScriptEngine engine = new ScriptEngine();
        PluginHost plugins = null;
        Connection connection = null;
        try {
            plugins = new PluginHost(config.paths().plugins());
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
            KrytenLifecycle[] announcer = new KrytenLifecycle[1];
            connection = NatsConnector.connect(config.nats(), "kryten-llm-" + config.serviceName(), () -> {
                if (announcer[0] != null) {
                    announcer[0].announce(); // the registry may have missed us while we were away
                }
            });
            Dispatcher dispatcher = new Dispatcher(config, connection, engine, library, providers, formatters);
            connection.flush(Duration.ofSeconds(5));
            announcer[0] = new KrytenLifecycle(connection, config, dispatcher.channels(),
                    catalog.triggerFiles().stream().map(ScriptCatalog::id).toList());
            log.info("ready in {} ms: channels {}, providers {}, triggers {}", (System.nanoTime() - started) / 1_000_000,
                    dispatcher.channels(), providers.names(), catalog.triggerFiles().stream().map(ScriptCatalog::id).toList());
            return new BotHost(config, engine, library, plugins, connection, dispatcher, announcer[0]);
        } catch (RuntimeException | InterruptedException | IOException | TimeoutException e) {
            if (connection != null) {
                connection.close();
            }
            if (plugins != null) {
                plugins.close();
            }
            engine.close();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("start failed: " + e.getMessage(), e);
        }
    }

    /** What to do when Kryten asks the group to restart (after its delay): the CLI stops the process cleanly. */
    public void onRestartRequested(Runnable action) {
        lifecycle.onRestart(action);
    }

    /** Also applies saved changes of the config file (see {@link ConfigReload} for what applies live). */
    public void watchConfig(Path file, ConfigLoader loader) throws IOException {
        configReload = new ConfigReload(file, loader, config, dispatcher, library);
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

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public ScriptLibrary scripts() {
        return library;
    }

    /** The bot's chat name (its CyTube account). */
    public String accountName() {
        return dispatcher.accountName();
    }

    @Override
    public void close() {
        watcher.close();
        lifecycle.close();
        dispatcher.close();
        try {
            connection.drain(Duration.ofSeconds(5));
        } catch (Exception e) {
            log.warn("NATS drain did not finish cleanly: {}", e.toString());
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        plugins.close();
        engine.close();
        log.info("stopped");
    }
}
