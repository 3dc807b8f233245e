package dev.kryten.llm.plugin;

import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.PluginApi;
import dev.kryten.llm.api.ResponseFormatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J side: loads the plugin jars of one folder, refuses those built for an incompatible
 * {@code plugin-api} (PF4J compares each jar's {@code Plugin-Requires} with {@link PluginApi#VERSION}),
 * logs each plugin's fate, and answers "which provider serves type X" and "which formatter is
 * called Y". A broken jar is logged and skipped; the others load.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final Path folder;
    private final PluginManager manager;
    private volatile Map<String, LlmProvider> providers = Map.of();
    private volatile Map<String, ResponseFormatter> formatters = Map.of();

    public PluginHost(Path folder) {
        this.folder = folder;
        this.manager = new DefaultPluginManager(folder);
        manager.setSystemVersion(PluginApi.VERSION);
        if (!Files.isDirectory(folder)) {
            log.warn("plugin folder {} does not exist: no providers or formatters from plugins", folder);
            return;
        }
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() == PluginState.STARTED) {
                log.info("plugin {} {} loaded from {}", plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                        plugin.getPluginPath().getFileName());
            } else {
                log.error("plugin {} from {} not started ({}): {}", plugin.getPluginId(), plugin.getPluginPath(),
                        plugin.getPluginState(), plugin.getFailedException() != null ? plugin.getFailedException().getMessage()
                                : "it requires plugin-api " + plugin.getDescriptor().getRequires() + ", this host has " + PluginApi.VERSION);
            }
        }
        if (manager.getPlugins().isEmpty()) {
            log.warn("no plugin jars in {}", folder);
        }
        refreshExtensions();
    }

    /** Extensions are created once per load (PF4J makes a new instance on every lookup). */
    private void refreshExtensions() {
        Map<String, LlmProvider> byType = new LinkedHashMap<>();
        for (LlmProvider provider : extensions(LlmProvider.class)) {
            for (String type : provider.types()) {
                String key = type.toLowerCase(Locale.ROOT);
                LlmProvider previous = byType.putIfAbsent(key, provider);
                if (previous != null && previous != provider) {
                    log.error("provider type '{}' is claimed by both {} and {}; using the first",
                            key, previous.getClass().getName(), provider.getClass().getName());
                }
            }
        }
        Map<String, ResponseFormatter> byName = new LinkedHashMap<>();
        for (ResponseFormatter formatter : extensions(ResponseFormatter.class)) {
            byName.putIfAbsent(formatter.name(), formatter);
        }
        providers = Map.copyOf(byType);
        formatters = Map.copyOf(byName);
    }

    /**
     * One plugin's fate.
     *
     * @param id      the descriptor's Plugin-Id (or the jar name when there is no descriptor)
     * @param version the descriptor's Plugin-Version
     * @param state   PF4J's state: STARTED when usable
     * @param problem why it is not usable, or "" when it is
     */
    public record PluginStatus(String id, String version, String state, String problem) {}

    /** Every plugin PF4J found, usable or not. */
    public List<PluginStatus> status() {
        return manager.getPlugins().stream().map(p -> new PluginStatus(p.getPluginId(), p.getDescriptor().getVersion(),
                p.getPluginState().toString(), p.getFailedException() == null ? "" : p.getFailedException().getMessage())).toList();
    }

    /** Providers by lower-cased config type; the first plugin claiming a type wins and a clash is logged. */
    public Map<String, LlmProvider> providersByType() {
        return providers;
    }

    /** Formatters by name. */
    public Map<String, ResponseFormatter> formattersByName() {
        return formatters;
    }

    private <T> List<T> extensions(Class<T> type) {
        try {
            return manager.getExtensions(type);
        } catch (RuntimeException e) {
            log.error("cannot list {} extensions from {}: {}", type.getSimpleName(), folder, e.toString());
            return List.of();
        }
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
