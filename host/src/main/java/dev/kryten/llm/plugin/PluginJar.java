package dev.kryten.llm.plugin;

import dev.kryten.llm.api.PluginApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.pf4j.util.StringUtils;

/** Reads and checks a plugin jar before it is loaded: descriptor, extension index, plugin-api version. */
final class PluginJar {
    /** The descriptor fields the checks need. */
    record Descriptor(String id, String version, String requires) {}

    private PluginJar() {}

    static Optional<Descriptor> describe(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null) {
                return Optional.empty();
            }
            Attributes main = file.getManifest().getMainAttributes();
            String id = main.getValue("Plugin-Id");
            return StringUtils.isNullOrEmpty(id) ? Optional.empty()
                    : Optional.of(new Descriptor(id, main.getValue("Plugin-Version"), main.getValue("Plugin-Requires")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why the jar cannot be a plugin for this host, or empty when it looks fine. */
    static Optional<String> check(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getManifest() == null || StringUtils.isNullOrEmpty(file.getManifest().getMainAttributes().getValue("Plugin-Id"))) {
                return Optional.of("no plugin descriptor (Plugin-Id in META-INF/MANIFEST.MF)");
            }
            Attributes main = file.getManifest().getMainAttributes();
            if (StringUtils.isNullOrEmpty(main.getValue("Plugin-Version"))) {
                return Optional.of("no Plugin-Version in its descriptor");
            }
            if (file.getEntry("META-INF/extensions.idx") == null) {
                return Optional.of("no META-INF/extensions.idx: no extension would be found (was the pf4j annotation processor run?)");
            }
            String requires = main.getValue("Plugin-Requires");
            if (!StringUtils.isNullOrEmpty(requires) && !new org.pf4j.DefaultVersionManager().checkVersionConstraint(PluginApi.VERSION, requires)) {
                return Optional.of("it requires plugin-api " + requires + ", this host has " + PluginApi.VERSION);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("not a readable jar (" + e.getMessage() + ")");
        }
    }
}
