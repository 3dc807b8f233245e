package dev.kryten.llm.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Source;

/**
 * One JavaScript file, read by the host (scripts themselves have no file access) and compiled as
 * an ES module.
 *
 * @param path   where it lives
 * @param name   the name used in logs, e.g. {@code triggers/mention.js}
 * @param id     the file name without {@code .js}: a trigger's id, a personality's name
 * @param source the module source
 */
public record ScriptFile(Path path, String name, String id, Source source) {

    public static ScriptFile read(Path path, String name) {
        try {
            String code = Files.readString(path);
            String fileName = path.getFileName().toString();
            String id = fileName.endsWith(".js") ? fileName.substring(0, fileName.length() - 3) : fileName;
            Source source = Source.newBuilder("js", code, name).mimeType("application/javascript+module").build();
            return new ScriptFile(path, name, id, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The {@code *.js} files of a folder (not {@code *.test.js}), sorted by name; none if the folder is missing. */
    public static List<ScriptFile> readFolder(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".js"))
                    .filter(p -> !p.getFileName().toString().endsWith(".test.js"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(p -> read(p, prefix + p.getFileName()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
