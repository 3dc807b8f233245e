package dev.kryten.llm.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last good version of every script file. A change from disk is first evaluated
 * together with all other scripts in a scratch context; only when every trigger, the prompt and
 * every personality still load is it published as a new {@link ScriptCatalog}. Otherwise the
 * running version stays and the error is logged with file, line and column.
 */
public final class ScriptLibrary {
    private static final Logger log = LoggerFactory.getLogger(ScriptLibrary.class);
    /** Time a module may take to evaluate (top-level code) during validation. */
    private static final long LOAD_BUDGET_NANOS = 2_000_000_000L;

    private final ScriptEngine engine;
    private final Path scripts;
    private final Path personalities;
    private volatile Map<String, Object> scriptConfig;
    private volatile ScriptCatalog current;
    /**
     * Files whose saved content is not running because it failed to load (file → error), so health
     * can say the scripts on disk are not what runs. Replaced whole under the lock, read by anyone.
     */
    private volatile Map<Path, String> problems = Map.of();

    /** Validation outcome: errors by file, and the personalities that parsed. */
    record Validation(Map<Path, ScriptException> errors, Map<String, Personality> characters) {}

    public ScriptLibrary(ScriptEngine engine, Path scripts, Path personalities, Map<String, Object> scriptConfig) {
        this.engine = engine;
        this.scripts = scripts.toAbsolutePath().normalize();
        this.personalities = personalities.toAbsolutePath().normalize();
        this.scriptConfig = Map.copyOf(scriptConfig);
    }

    /** Reads and validates everything; files that fail are logged and left out. */
    public synchronized ScriptCatalog loadAll() {
        Map<Path, String> files = new TreeMap<>();
        readTree(scripts, files);
        readTree(personalities, files);
        ScriptCatalog candidate = new ScriptCatalog(1, scripts, personalities, files, Map.of());
        Map<Path, String> failed = new TreeMap<>();
        Validation validation = validate(candidate);
        for (var error : validation.errors().entrySet()) {
            log.error("script not loaded: {}", error.getValue().getMessage());
            failed.put(error.getKey(), error.getValue().getMessage());
            files.remove(error.getKey());
        }
        if (!validation.errors().isEmpty()) {
            candidate = candidate.with(1, files, Map.of());
            validation = validate(candidate);
            for (var error : validation.errors().entrySet()) {
                log.error("script not loaded: {}", error.getValue().getMessage());
                failed.put(error.getKey(), error.getValue().getMessage());
                files.remove(error.getKey());
            }
        }
        current = candidate.with(1, files, validation.characters());
        problems = Map.copyOf(failed);
        return current;
    }

    public ScriptCatalog current() {
        return current;
    }

    /**
     * One line per script file whose saved content is not running because it does not load (the
     * last good version, or nothing, runs instead); empty when what runs is what is on disk.
     */
    public List<String> problems() {
        return new TreeMap<>(problems).values().stream().toList();
    }

    /** What scripts see as their {@code config} argument. */
    public Map<String, Object> scriptConfig() {
        return scriptConfig;
    }

    /**
     * The config scripts see changed: validated with every script first (rules and prefilters are
     * computed from it), then published as a new catalog version. Returns false when refused (logged).
     */
    public synchronized boolean scriptConfigChanged(Map<String, Object> newConfig) {
        Map<String, Object> previous = scriptConfig;
        scriptConfig = Map.copyOf(newConfig);
        Validation validation = validate(current);
        if (!validation.errors().isEmpty()) {
            scriptConfig = previous;
            validation.errors().values().forEach(e -> log.error("config change refused, the scripts keep the running config: {}",
                    e.getMessage()));
            return false;
        }
        current = current.with(current.version() + 1, current.files(), validation.characters());
        return true;
    }

    /**
     * Takes a file's new state from disk (changed, created or deleted). Returns true when the new
     * version was published, false when it was refused (logged) or nothing changed.
     */
    public synchronized boolean refresh(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (!path.toString().endsWith(".js") || !(path.startsWith(scripts) || path.startsWith(personalities))) {
            return false;
        }
        ScriptCatalog running = current;
        String content = read(path);
        if (Objects.equals(content, running.files().get(path))) {
            problem(path, null); // reverted (or a refused file deleted): what runs is what is on disk again
            return false;
        }
        Map<Path, String> files = new TreeMap<>(running.files());
        if (content == null) {
            files.remove(path);
        } else {
            files.put(path, content);
        }
        ScriptCatalog candidate = running.with(running.version() + 1, files, running.characters());
        String name = running.displayName(path);
        if (path.getFileName().toString().endsWith(".test.js")) {
            current = candidate;
            problem(path, null);
            return true;
        }
        Validation validation = validate(candidate);
        if (!validation.errors().isEmpty()) {
            for (ScriptException error : validation.errors().values()) {
                log.error("{} {}; keeping the last good version: {}", name, content == null ? "was deleted" : "changed",
                        error.getMessage());
            }
            problem(path, name + (content == null ? " was deleted" : " changed") + "; keeping the last good version: "
                    + validation.errors().values().iterator().next().getMessage());
            return false;
        }
        current = candidate.with(candidate.version(), files, validation.characters());
        problem(path, null);
        log.info("{} {} (script version {})", name, content == null ? "removed" : running.files().containsKey(path)
                ? "reloaded" : "added", current.version());
        return true;
    }

    /** Records (or with null clears) why a file's saved content is not running; called under the lock. */
    private void problem(Path file, String error) {
        Map<Path, String> next = new TreeMap<>(problems);
        if (error == null) {
            next.remove(file);
        } else {
            next.put(file, error);
        }
        problems = Map.copyOf(next);
    }

    /** Evaluates every trigger, the prompt and every personality of a candidate in a scratch context. */
    Validation validate(ScriptCatalog candidate) {
        Map<Path, ScriptException> errors = new LinkedHashMap<>();
        Map<String, Personality> characters = new LinkedHashMap<>();
        try (Context context = engine.newContext(candidate)) {
            ScriptWatchdog.CallClock clock = engine.watchdog().register(context);
            Value config = JsValues.frozen(context, scriptConfig);
            try {
                for (Path trigger : candidate.triggerFiles()) {
                    timed(clock, trigger, candidate, errors, () -> Trigger.load(context, candidate, trigger, config));
                }
                Path prompt = candidate.promptFile();
                if (!candidate.contains(prompt)) {
                    errors.put(prompt, new ScriptException(candidate.displayName(prompt), 0, 0, "the prompt builder is missing"));
                } else {
                    timed(clock, prompt, candidate, errors, () -> requireDefaultFunction(context, candidate, prompt));
                }
                for (String id : candidate.personalityIds()) {
                    Path file = candidate.personalityFile(id);
                    timed(clock, file, candidate, errors, () -> characters.put(id,
                            Personality.fromScript(id, candidate.displayName(file), eval(context, candidate, file))));
                }
            } finally {
                engine.watchdog().unregister(clock);
            }
        }
        return new Validation(errors, characters);
    }

    private static void timed(ScriptWatchdog.CallClock clock, Path file, ScriptCatalog catalog,
                              Map<Path, ScriptException> errors, Runnable check) {
        clock.start(LOAD_BUDGET_NANOS);
        try {
            check.run();
        } catch (ScriptException e) {
            errors.put(file, e);
        } catch (PolyglotException e) {
            errors.put(file, ScriptException.from(catalog.displayName(file), e));
        } finally {
            if (clock.stop()) {
                errors.putIfAbsent(file, new ScriptException(catalog.displayName(file), 0, 0,
                        "took longer than " + LOAD_BUDGET_NANOS / 1_000_000 + " ms to load (interrupted)"));
            }
        }
    }

    static Value eval(Context context, ScriptCatalog catalog, Path file) {
        try {
            return context.eval(catalog.source(file));
        } catch (PolyglotException e) {
            throw ScriptException.from(catalog.displayName(file), e);
        }
    }

    static Value requireDefaultFunction(Context context, ScriptCatalog catalog, Path file) {
        Value function = eval(context, catalog, file).getMember("default");
        if (function == null || !function.canExecute()) {
            throw new ScriptException(catalog.displayName(file), 0, 0, "must `export default function (...) {...}`");
        }
        return function;
    }

    private static void readTree(Path root, Map<Path, String> into) {
        if (!Files.isDirectory(root)) {
            log.warn("script folder {} does not exist", root);
            return;
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".js") && Files.isRegularFile(p))
                    .filter(p -> !p.toString().contains("node_modules"))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        for (Path p : found) {
            String content = read(p);
            if (content != null) {
                into.put(p.toAbsolutePath().normalize(), content);
            }
        }
    }

    /** The file's text, or null when it does not exist (deleted). */
    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            log.warn("cannot read {}: {}", file, e.toString());
            return null;
        }
    }
}
