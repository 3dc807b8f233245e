package dev.kryten.llm.script;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.graalvm.polyglot.Source;

/**
 * One consistent version of every script file: the last good content of each {@code .js} file
 * under the scripts and personalities folders, and the personalities parsed from them. Immutable;
 * lanes rebuild their contexts when a newer version appears.
 *
 * @param version       increases with every accepted change
 * @param scripts       the scripts folder (triggers/, prompts/, anything imported)
 * @param personalities the personalities folder
 * @param files         absolute path → content
 * @param characters    personality id → the character as its file declares it (before config overrides)
 */
public record ScriptCatalog(long version, Path scripts, Path personalities, Map<Path, String> files,
                            Map<String, Personality> characters) {
    public static final String MODULE = "application/javascript+module";

    public ScriptCatalog {
        files = Map.copyOf(files);
        characters = Map.copyOf(characters);
    }

    /** Trigger files: {@code triggers/*.js}, not {@code *.test.js}, by name. */
    public List<Path> triggerFiles() {
        Path dir = scripts.resolve("triggers");
        return files.keySet().stream()
                .filter(p -> dir.equals(p.getParent()))
                .filter(p -> !p.getFileName().toString().endsWith(".test.js"))
                .sorted(Comparator.comparing(Path::toString))
                .toList();
    }

    /** Test files beside the triggers: {@code triggers/*.test.js}. */
    public List<Path> triggerTestFiles() {
        Path dir = scripts.resolve("triggers");
        return files.keySet().stream()
                .filter(p -> dir.equals(p.getParent()))
                .filter(p -> p.getFileName().toString().endsWith(".test.js"))
                .sorted(Comparator.comparing(Path::toString))
                .toList();
    }

    public Path promptFile() {
        return scripts.resolve("prompts").resolve("default.js");
    }

    public Path personalityFile(String id) {
        return personalities.resolve(id + ".js");
    }

    /** Personality ids whose files are in the catalog, sorted. */
    public List<String> personalityIds() {
        return files.keySet().stream()
                .filter(p -> personalities.equals(p.getParent()))
                .map(ScriptCatalog::id)
                .sorted()
                .toList();
    }

    /** The file name without {@code .js}. */
    public static String id(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".js") ? name.substring(0, name.length() - 3) : name;
    }

    /** How logs name a file: {@code scripts/triggers/mention.js}, {@code personalities/x.js}. */
    public String displayName(Path file) {
        if (file.startsWith(scripts)) {
            return "scripts/" + scripts.relativize(file).toString().replace(File.separatorChar, '/');
        }
        if (file.startsWith(personalities)) {
            return "personalities/" + personalities.relativize(file).toString().replace(File.separatorChar, '/');
        }
        return file.toString();
    }

    public boolean contains(Path file) {
        return files.containsKey(file);
    }

    /** The module source of a file in this version; its path makes relative imports work. */
    public Source source(Path file) {
        String content = files.get(file);
        if (content == null) {
            throw new ScriptException(displayName(file), 0, 0, "not in the script catalog");
        }
        return Source.newBuilder("js", file.toFile()).content(content).name(displayName(file)).mimeType(MODULE).buildLiteral();
    }

    /** The in-memory file system contexts of this version read imports from. */
    SnapshotFileSystem fileSystem() {
        return new SnapshotFileSystem(files, scripts);
    }

    ScriptCatalog with(long newVersion, Map<Path, String> newFiles, Map<String, Personality> newCharacters) {
        return new ScriptCatalog(newVersion, scripts, personalities, new TreeMap<>(newFiles), newCharacters);
    }
}
