package dev.kryten.llm.app;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ChannelConfig;
import dev.kryten.llm.config.ConfigException;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.config.MetricsConfig;
import dev.kryten.llm.dispatch.Lanes;
import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.script.ScriptLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a saved config file to the running bot. Live: the channels served (an added channel is
 * opened, a removed one closed), each channel's personality choice ({@code channels[].personality},
 * {@code personality.preset}) and what scripts see ({@code triggers}, {@code auto_participation},
 * {@code media_change}, {@code scripts}). Everything else is named in a warning as needing a
 * restart. A config that does not load is ignored, logged.
 */
final class ConfigReload {
    private static final Logger log = LoggerFactory.getLogger(ConfigReload.class);

    private final Path file;
    private final ConfigLoader loader;
    private final Lanes dispatcher;
    private final ScriptLibrary library;
    private BotConfig running;
    /** The servers the file named when the host started (the demo runs on its own local server instead). */
    private List<String> fileServers;
    /** The metrics endpoint the file named when the host started (the demo takes any free port instead). */
    private MetricsConfig fileMetrics;

    ConfigReload(Path file, ConfigLoader loader, BotConfig running, Lanes dispatcher, ScriptLibrary library) {
        this.file = file;
        this.loader = loader;
        this.running = running;
        List<String> servers;
        MetricsConfig metrics;
        try {
            BotConfig atStart = loader.load(file);
            servers = atStart.nats().servers();
            metrics = atStart.metrics();
        } catch (ConfigException e) {
            servers = running.nats().servers();
            metrics = running.metrics();
        }
        this.fileServers = servers;
        this.fileMetrics = metrics;
        this.dispatcher = dispatcher;
        this.library = library;
    }

    Path file() {
        return file.toAbsolutePath().normalize();
    }

    void reload() {
        BotConfig next;
        try {
            next = loader.load(file);
        } catch (ConfigException e) {
            log.error("config change ignored, the running config stays: {}", e.getMessage());
            return;
        }
        List<String> restart = new ArrayList<>();
        compare(restart, "nats", next.nats().withServers(List.of()), running.nats().withServers(List.of()));
        if (!next.nats().servers().equals(fileServers)) {
            restart.add("nats.servers");
        }
        compare(restart, "paths", next.paths(), running.paths());
        compare(restart, "metrics", next.metrics(), fileMetrics);
        // what a running host cannot switch stays (and so do the demo's local NATS and its free metrics port)
        next = next.withNats(running.nats()).withPaths(running.paths().scripts(), running.paths().personalities(),
                running.paths().plugins()).withMetrics(running.metrics());
        next = next.withChannels(applyChannels(next.channels()));
        for (ChannelConfig channel : next.channels()) {
            String wanted = Optional.ofNullable(channel.personality()).orElse(next.personality().preset());
            String before = running.channels().stream()
                    .filter(c -> c.channel().equalsIgnoreCase(channel.channel()))
                    .map(c -> Optional.ofNullable(c.personality()).orElse(running.personality().preset()))
                    .findFirst().orElse(null);
            if (before != null && !before.equals(wanted)) {
                dispatcher.swapPersonality(channel.channel(), wanted).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        log.error("config: {} cannot use personality {}: {}", channel.channel(), wanted, failure.toString());
                    } else if (ok) {
                        log.info("config: {} now uses personality {}", channel.channel(), wanted);
                    } else {
                        log.error("config: {} cannot use personality {}: no such personality file", channel.channel(), wanted);
                    }
                });
            }
        }
        if (!Objects.equals(next.scriptConfig(), running.scriptConfig())) {
            if (library.scriptConfigChanged(next.scriptConfig())) {
                log.info("config: triggers / auto_participation / media_change / scripts updated");
            } else {
                next = withScriptConfig(next, running.scriptConfig()); // try again on the next save
            }
        }
        compare(restart, "personality (other than preset)", dropPreset(next), dropPreset(running));
        compare(restart, "llm_providers", next.providers(), running.providers());
        compare(restart, "message_processing", next.messageProcessing(), running.messageProcessing());
        compare(restart, "formatting", next.formatting(), running.formatting());
        compare(restart, "service_metadata", next.serviceName(), running.serviceName());
        compare(restart, "context", next.chatHistorySize(), running.chatHistorySize());
        compare(restart, "scripting", next.scriptLimits(), running.scriptLimits());
        compare(restart, "admin", next.admin(), running.admin());
        compare(restart, "turns", next.turns(), running.turns());
        compare(restart, "retry_strategy", next.retryPolicy(), running.retryPolicy());
        compare(restart, "service_metadata (heartbeats, discovery)", next.lifecycle(), running.lifecycle());
        if (!restart.isEmpty()) {
            log.warn("config: changes to {} take effect after a restart", restart);
        }
        running = next;
    }

    private static BotConfig withScriptConfig(BotConfig c, java.util.Map<String, Object> scriptConfig) {
        return new BotConfig(c.source(), c.nats(), c.channels(), c.personality(), c.providers(), c.messageProcessing(),
                c.formatting(), c.serviceName(), c.chatHistorySize(), c.paths(), scriptConfig, c.scriptLimits(), c.admin(),
                c.retryPolicy(), c.lifecycle(), c.turns(), c.metrics(), c.warnings());
    }

    /** Opens added channels and closes removed ones; returns the channels served now. */
    private List<ChannelConfig> applyChannels(List<ChannelConfig> wanted) {
        List<ChannelConfig> served = new ArrayList<>();
        for (ChannelConfig before : running.channels()) {
            if (wanted.stream().noneMatch(c -> same(c, before))) {
                dispatcher.close(before.channel());
                log.info("config: no longer serving {}", before.channel());
            }
        }
        for (ChannelConfig channel : wanted) {
            if (running.channels().stream().anyMatch(c -> same(c, channel))) {
                served.add(channel);
                continue;
            }
            try {
                dispatcher.open(channel);
                served.add(channel);
                log.info("config: now serving {}", channel.channel());
            } catch (RuntimeException e) {
                log.error("config: cannot serve {} (tried again at the next save): {}", channel.channel(), e.getMessage());
            }
        }
        return served;
    }

    private static boolean same(ChannelConfig a, ChannelConfig b) {
        return Subjects.normalizeToken(a.channel()).equals(Subjects.normalizeToken(b.channel()));
    }

    private static Object dropPreset(BotConfig c) {
        var p = c.personality();
        return List.of(p.characterName(), p.description(), p.traits(), p.expertise(), p.responseStyle(), p.nameVariations());
    }

    private static void compare(List<String> restart, String section, Object next, Object running) {
        if (!Objects.equals(next, running)) {
            restart.add(section);
        }
    }
}
