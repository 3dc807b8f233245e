package dev.kryten.llm.plugin;

import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.PluginApi;
import dev.kryten.llm.api.ResponseFormatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J side: loads the plugin jars of one folder, refuses those built for an incompatible
 * {@code plugin-api} (PF4J compares each jar's {@code Plugin-Requires} with {@link PluginApi#VERSION}),
 * logs each plugin's fate, and hands out providers by config type and formatters by name as
 * {@link Lease}s. {@link #refresh()} applies the folder's current content while the bot runs: new
 * jars load, removed jars unload, replaced jars swap — a replacement is checked (descriptor,
 * extension index, API version) before the old one goes, and a plugin is unloaded only when no
 * lease on it is open. A broken jar is logged and skipped; the others keep working.
 *
 * <p>Threads: leases may be taken and closed from any thread; {@link #refresh()} and
 * {@link #close()} must be called from one thread at a time (PF4J's manager is not thread-safe).
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    private static final long DRAIN_TIMEOUT_MS = 120_000;

    private final Path folder;
    private final PluginManager manager;
    private final InFlight inFlight = new InFlight();
    private final Map<String, JarStamp> loaded = new HashMap<>(); // plugin id → jar and its stamp
    private volatile Map<String, Extension<LlmProvider>> providers = Map.of();
    private volatile Map<String, Extension<ResponseFormatter>> formatters = Map.of();

    private record Extension<T>(T instance, String pluginId, long generation) {}

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
            report(plugin);
            if (plugin.getPluginState() == PluginState.STARTED) {
                loaded.put(plugin.getPluginId(), JarStamp.of(plugin.getPluginPath()));
            }
        }
        if (manager.getPlugins().isEmpty()) {
            log.warn("no plugin jars in {}", folder);
        }
        refreshExtensions();
    }

    public Path folder() {
        return folder;
    }

    private void report(PluginWrapper plugin) {
        if (plugin.getPluginState() == PluginState.STARTED) {
            log.info("plugin {} {} loaded from {}", plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getPluginPath().getFileName());
        } else {
            log.error("plugin {} from {} not started ({}): {}", plugin.getPluginId(), plugin.getPluginPath(),
                    plugin.getPluginState(), plugin.getFailedException() != null ? plugin.getFailedException().getMessage()
                            : "it requires plugin-api " + plugin.getDescriptor().getRequires() + ", this host has " + PluginApi.VERSION);
        }
    }

    /** Extensions are created once per load (PF4J makes a new instance on every lookup). */
    private void refreshExtensions() {
        Map<String, Extension<LlmProvider>> byType = new LinkedHashMap<>();
        Map<String, Extension<ResponseFormatter>> byName = new LinkedHashMap<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            String id = plugin.getPluginId();
            for (LlmProvider provider : extensions(LlmProvider.class, id)) {
                for (String type : provider.types()) {
                    String key = type.toLowerCase(Locale.ROOT);
                    Extension<LlmProvider> previous = byType.putIfAbsent(key, new Extension<>(provider, id, inFlight.generation(id)));
                    if (previous != null) {
                        log.error("provider type '{}' is claimed by plugins {} and {}; using {}", key, previous.pluginId(), id,
                                previous.pluginId());
                    }
                }
            }
            for (ResponseFormatter formatter : extensions(ResponseFormatter.class, id)) {
                byName.putIfAbsent(formatter.name(), new Extension<>(formatter, id, inFlight.generation(id)));
            }
        }
        providers = Map.copyOf(byType);
        formatters = Map.copyOf(byName);
    }

    private <T> List<T> extensions(Class<T> type, String pluginId) {
        try {
            return manager.getExtensions(type, pluginId);
        } catch (RuntimeException | LinkageError e) {
            log.error("plugin {}: cannot create its {} extensions: {}", pluginId, type.getSimpleName(), e.toString());
            return List.of();
        }
    }

    /** The provider serving a config type (lower-case), leased; empty when no plugin serves it (now). */
    public Optional<Lease<LlmProvider>> provider(String type) {
        return lease(providers.get(type));
    }

    /** The formatter with this name, leased; empty when no plugin offers it (now). */
    public Optional<Lease<ResponseFormatter>> formatter(String name) {
        return lease(formatters.get(name));
    }

    private <T> Optional<Lease<T>> lease(Extension<T> extension) {
        if (extension == null || !inFlight.acquire(extension.pluginId(), extension.generation())) {
            return Optional.empty();
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return Optional.of(new Lease<>(extension.instance(), extension.pluginId(), () -> {
            if (released.compareAndSet(false, true)) { // closing twice must not release someone else's count
                inFlight.release(extension.pluginId(), extension.generation());
            }
        }));
    }

    /** Providers by lower-cased config type (a snapshot; prefer {@link #provider} for calls). */
    public Map<String, LlmProvider> providersByType() {
        Map<String, LlmProvider> out = new LinkedHashMap<>();
        providers.forEach((k, v) -> out.put(k, v.instance()));
        return out;
    }

    /** Formatters by name (a snapshot; prefer {@link #formatter} for calls). */
    public Map<String, ResponseFormatter> formattersByName() {
        Map<String, ResponseFormatter> out = new LinkedHashMap<>();
        formatters.forEach((k, v) -> out.put(k, v.instance()));
        return out;
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

    /** Every plugin PF4J knows, usable or not. */
    public List<PluginStatus> status() {
        return manager.getPlugins().stream().map(p -> new PluginStatus(p.getPluginId(), p.getDescriptor().getVersion(),
                p.getPluginState().toString(), p.getFailedException() == null ? "" : p.getFailedException().getMessage())).toList();
    }

    /** Brings the loaded plugins in line with the jars in the folder now. Returns whether anything changed. */
    public boolean refresh() {
        Map<Path, JarStamp> onDisk = jarsOnDisk();
        Map<String, Path> idsOnDisk = new LinkedHashMap<>();
        for (Path jar : onDisk.keySet()) {
            PluginJar.describe(jar).ifPresent(d -> idsOnDisk.putIfAbsent(d.id(), jar));
        }
        boolean changed = false;
        for (String id : List.copyOf(loaded.keySet())) {
            JarStamp was = loaded.get(id);
            Path now = idsOnDisk.remove(id);
            if (now == null) {
                unload(id, "its jar was removed");
                changed = true;
            } else if (!now.equals(was.path()) || !onDisk.get(now).equals(was)) {
                changed |= replace(id, now);
            }
        }
        for (Path jar : onDisk.keySet()) {
            boolean known = loaded.values().stream().anyMatch(s -> s.path().equals(jar));
            if (!known && !failedBefore(jar)) {
                changed |= load(jar);
            }
        }
        if (changed) {
            refreshExtensions();
        }
        return changed;
    }

    private final Map<Path, JarStamp> refused = new HashMap<>();

    private boolean failedBefore(Path jar) {
        JarStamp stamp = refused.get(jar);
        return stamp != null && stamp.equals(JarStamp.of(jar));
    }

    private boolean load(Path jar) {
        Optional<String> problem = PluginJar.check(jar);
        if (problem.isPresent()) {
            log.error("plugin jar {} refused: {}", jar.getFileName(), problem.get());
            refused.put(jar, JarStamp.of(jar));
            return false;
        }
        try {
            String id = manager.loadPlugin(jar);
            manager.startPlugin(id);
            PluginWrapper plugin = manager.getPlugin(id);
            if (plugin.getPluginState() != PluginState.STARTED) {
                report(plugin);
                manager.unloadPlugin(id);
                refused.put(jar, JarStamp.of(jar));
                return false;
            }
            loaded.put(id, JarStamp.of(jar));
            refreshExtensions(); // its extensions serve before the "loaded" line is logged
            report(plugin);
            return true;
        } catch (RuntimeException | LinkageError e) {
            log.error("plugin jar {} refused: {}", jar.getFileName(), e.getMessage());
            refused.put(jar, JarStamp.of(jar));
            return false;
        }
    }

    private boolean replace(String id, Path jar) {
        Optional<String> problem = PluginJar.check(jar);
        if (problem.isPresent()) {
            log.error("plugin {}: new jar {} refused, the running version stays: {}", id, jar.getFileName(), problem.get());
            refused.put(jar, JarStamp.of(jar));
            return false;
        }
        unload(id, "a new version is in " + jar.getFileName());
        boolean ok = load(jar);
        if (ok) {
            log.info("plugin {} replaced by {}", id, jar.getFileName());
        }
        return true;
    }

    private void unload(String id, String why) {
        inFlight.close(id);
        long waited = inFlight.awaitIdle(id, DRAIN_TIMEOUT_MS);
        if (waited < 0) {
            log.warn("plugin {}: requests still in flight after {} s; unloading anyway", id, DRAIN_TIMEOUT_MS / 1000);
        }
        try {
            manager.stopPlugin(id);
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            log.error("plugin {}: unloading failed: {}", id, e.toString());
        }
        loaded.remove(id);
        refreshExtensions(); // before new leases are allowed again: none may reach the unloaded plugin
        inFlight.forget(id);
        log.info("plugin {} unloaded ({})", id, why);
    }

    private Map<Path, JarStamp> jarsOnDisk() {
        Map<Path, JarStamp> out = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted()
                    .forEach(p -> out.put(p.toAbsolutePath().normalize(), JarStamp.of(p)));
        } catch (IOException e) {
            log.error("cannot list plugin folder {}: {}", folder, e.toString());
        }
        return out;
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
