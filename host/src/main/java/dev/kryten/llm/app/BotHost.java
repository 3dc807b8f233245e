package dev.kryten.llm.app;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ChannelConfig;
import dev.kryten.llm.config.PersonalityConfig;
import dev.kryten.llm.dispatch.Dispatcher;
import dev.kryten.llm.format.FormatterChain;
import dev.kryten.llm.nats.NatsConnector;
import dev.kryten.llm.plugin.PluginHost;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.script.PersonalityLoader;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptException;
import dev.kryten.llm.script.ScriptFile;
import io.nats.client.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: builds every part from a validated config in dependency order (scripts and
 * plugins first, so a bad file stops the start before anything connects), connects to NATS and
 * starts the dispatcher. {@link #close()} undoes it in reverse.
 */
public final class BotHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotHost.class);

    private final ScriptEngine engine;
    private final PluginHost plugins;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final Map<String, Personality> personalities;

    private BotHost(ScriptEngine engine, PluginHost plugins, Connection connection, Dispatcher dispatcher,
                    Map<String, Personality> personalities) {
        this.engine = engine;
        this.plugins = plugins;
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.personalities = Map.copyOf(personalities);
    }

    /** The personality each configured channel (by its configured name) starts with. */
    public Map<String, Personality> personalities() {
        return personalities;
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
        try {
            plugins = new PluginHost(config.paths().plugins());
            ProviderChain providers = new ProviderChain(config.providers(), plugins.providersByType());
            FormatterChain formatters = new FormatterChain(config.formatting().chain(), plugins.formattersByName());

            PersonalityLoader loader = new PersonalityLoader(engine, config.paths().personalities());
            Map<String, Personality> loaded = new HashMap<>();
            PersonalityConfig overrides = config.personality();
            for (ChannelConfig channel : config.channels()) {
                String id = Optional.ofNullable(channel.personality()).orElse(overrides.preset());
                loaded.computeIfAbsent(id, key -> loader.load(key).withOverrides(overrides));
            }
            List<ScriptFile> triggers = ScriptFile.readFolder(config.paths().scripts().resolve("triggers"), "triggers/");
            if (triggers.isEmpty()) {
                log.warn("no trigger scripts in {}: the bot will never answer", config.paths().scripts().resolve("triggers"));
            }
            Path promptPath = config.paths().scripts().resolve("prompts").resolve("default.js");
            if (!Files.isRegularFile(promptPath)) {
                throw new ScriptException("prompts/default.js", 0, 0, "the prompt builder is missing (looked in " + promptPath + ")");
            }
            ScriptFile prompt = ScriptFile.read(promptPath, "prompts/default.js");

            Connection connection = NatsConnector.connect(config.nats(), "kryten-llm-" + config.serviceName());
            Dispatcher dispatcher = new Dispatcher(config, connection, engine,
                    channel -> loaded.get(Optional.ofNullable(channel.personality()).orElse(overrides.preset())),
                    triggers, prompt, providers, formatters);
            connection.flush(java.time.Duration.ofSeconds(5));
            log.info("ready in {} ms: {} channel(s), providers {}, triggers {}",
                    (System.nanoTime() - started) / 1_000_000, config.channels().size(), providers.names(),
                    triggers.stream().map(ScriptFile::id).toList());
            Map<String, Personality> byChannel = new HashMap<>();
            for (ChannelConfig channel : config.channels()) {
                byChannel.put(channel.channel(), loaded.get(Optional.ofNullable(channel.personality()).orElse(overrides.preset())));
            }
            return new BotHost(engine, plugins, connection, dispatcher, byChannel);
        } catch (RuntimeException | InterruptedException e) {
            if (plugins != null) {
                plugins.close();
            }
            engine.close();
            throw e;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("NATS did not confirm the subscriptions within 5 s", e);
        }
    }

    @Override
    public void close() {
        dispatcher.close();
        try {
            connection.drain(java.time.Duration.ofSeconds(5));
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
