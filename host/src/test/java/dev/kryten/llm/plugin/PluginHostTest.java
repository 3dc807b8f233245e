package dev.kryten.llm.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.support.ShippedPlugins;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real PF4J manager over the shipped jars, plus broken jars built here. */
class PluginHostTest {
    @TempDir Path dir;

    @Test
    void everyShippedJarHasADescriptorAndAnExtensionIndex() throws Exception {
        List<Path> jars = ShippedPlugins.copyTo(dir);
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertNotNull(file.getEntry("META-INF/extensions.idx"), jar + " lacks META-INF/extensions.idx: "
                        + "the pf4j annotation processor did not run");
                Attributes main = file.getManifest().getMainAttributes();
                assertNotNull(main.getValue("Plugin-Id"), jar.toString());
                assertEquals(ShippedPlugins.version(), main.getValue("Plugin-Version"));
                assertEquals(">=1.0.0 & <2.0.0", main.getValue("Plugin-Requires"));
            }
        }
    }

    @Test
    void brokenJarsAreRefusedAndTheOthersStillLoad() throws Exception {
        Path plugins = dir.resolve("plugins");
        List<Path> shipped = ShippedPlugins.copyTo(plugins);
        Path offline = shipped.stream().filter(p -> p.getFileName().toString().startsWith("offline-")).findFirst().orElseThrow();
        rewriteManifest(offline, plugins.resolve("future-1.0.0.jar"), "future", ">=2.0.0");
        Files.write(plugins.resolve("garbage-1.0.0.jar"), new byte[] {1, 2, 3, 4});
        try (OutputStream out = Files.newOutputStream(plugins.resolve("nodescriptor-1.0.0.jar"));
             JarOutputStream jar = new JarOutputStream(out, new Manifest())) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("no Plugin-Id here".getBytes());
        }

        try (PluginHost host = new PluginHost(plugins)) {
            assertTrue(host.providersByType().keySet().containsAll(Set.of("openai", "openai_compatible", "openrouter", "offline")));
            assertTrue(host.formattersByName().containsKey("cytube"));
            var future = host.status().stream().filter(s -> s.id().equals("future")).findFirst().orElseThrow();
            assertFalse(future.state().equals("STARTED"), "a plugin built for plugin-api 2 must not start: " + future);
            assertEquals(5, host.status().stream().filter(s -> s.state().equals("STARTED")).count(), host.status().toString());
            assertTrue(host.providersByType().keySet().containsAll(Set.of("anthropic", "ollama")));
        }
    }

    @Test
    void jarsAreLoadedReplacedAndUnloadedOnRefresh() throws Exception {
        Path plugins = dir.resolve("plugins");
        ShippedPlugins.copyTo(plugins);
        try (PluginHost host = new PluginHost(plugins); var log = new dev.kryten.llm.support.LogCapture()) {
            assertFalse(host.providersByType().containsKey("example_echo"));
            Path jar = plugins.resolve("example-echo-0.1.0.jar");
            Files.copy(ShippedPlugins.exampleEcho(), jar);
            assertTrue(host.refresh());
            assertTrue(host.providersByType().containsKey("example_echo"));

            var lease = host.provider("example_echo").orElseThrow();
            Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            Thread replacer = Thread.ofVirtual().start(host::refresh);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (java.util.Arrays.stream(replacer.getStackTrace()).noneMatch(f -> f.getMethodName().equals("awaitIdle"))) {
                assertTrue(replacer.isAlive() && System.nanoTime() < deadline, "the swap waits for the open lease");
                Thread.onSpinWait();
            }
            assertTrue(host.provider("example_echo").isEmpty(), "no new lease while the plugin is being replaced"); // (empty: nothing to close)
            lease.close();
            replacer.join(5_000);
            if (replacer.isAlive()) {
                throw new AssertionError("replacer stuck at " + java.util.Arrays.toString(replacer.getStackTrace()));
            }
            log.await(2_000, "plugin example-echo replaced by example-echo-0.1.0.jar");
            try (var fresh = host.provider("example_echo").orElseThrow()) {
                assertTrue(fresh.extension().types().contains("example_echo"), "the new version serves");
            }

            Files.delete(jar);
            assertTrue(host.refresh());
            assertFalse(host.providersByType().containsKey("example_echo"));
            assertFalse(host.refresh(), "nothing left to change");
        }
    }

    @Test
    void aMissingFolderMeansNoPluginsNotACrash() {
        try (PluginHost host = new PluginHost(dir.resolve("absent"))) {
            assertTrue(host.providersByType().isEmpty());
            assertTrue(host.status().isEmpty());
        }
    }

    private static void rewriteManifest(Path source, Path target, String id, String requires) throws IOException {
        try (JarFile in = new JarFile(source.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), withIdentity(in.getManifest(), id, requires))) {
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                in.getInputStream(entry).transferTo(out);
            }
        }
    }

    private static Manifest withIdentity(Manifest original, String id, String requires) {
        Manifest m = new Manifest(original);
        m.getMainAttributes().putValue("Plugin-Id", id);
        m.getMainAttributes().putValue("Plugin-Requires", requires);
        return m;
    }
}
