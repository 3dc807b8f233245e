package dev.kryten.llm.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real plugin jars the reactor built before host (plugins/<name>/target/<id>-<version>.jar). */
public final class ShippedPlugins {
    private ShippedPlugins() {}

    public static Path projectDir() {
        return Path.of(System.getProperty("kryten.project.dir", "..")).toAbsolutePath().normalize();
    }

    public static String version() {
        return System.getProperty("kryten.version");
    }

    /** Copies the shipped plugin jars into {@code dir} (created if needed) and returns the copies. */
    public static List<Path> copyTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> jars;
        try (Stream<Path> modules = Files.list(projectDir().resolve("plugins"))) {
            jars = modules.filter(Files::isDirectory)
                    .filter(m -> !m.getFileName().toString().startsWith("example-"))
                    .map(m -> m.resolve("target"))
                    .filter(Files::isDirectory)
                    .flatMap(ShippedPlugins::jarsIn)
                    .toList();
        }
        if (jars.size() < 3) {
            throw new IllegalStateException("expected the shipped plugin jars under " + projectDir().resolve("plugins")
                    + "/*/target; run the build from the project root (mvn verify) so they are packaged first. Found: " + jars);
        }
        for (Path jar : jars) {
            Files.copy(jar, dir.resolve(jar.getFileName()));
        }
        return jars.stream().map(j -> dir.resolve(j.getFileName())).toList();
    }

    /** The example plugin of docs/plugins.md (built by the reactor, not shipped). */
    public static Path exampleEcho() {
        try (Stream<Path> jars = jarsIn(projectDir().resolve("plugins/example-echo/target"))) {
            return jars.findFirst().orElseThrow(() -> new IllegalStateException("plugins/example-echo was not packaged"));
        }
    }

    private static Stream<Path> jarsIn(Path target) {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + version() + ".jar")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
