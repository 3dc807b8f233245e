package dev.kryten.llm.cli;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The config the offline commands (demo, test-scripts, replay) use: the given file, or the embedded demo config. */
final class ScriptSetup {
    private ScriptSetup() {}

    static BotConfig config(Path file) throws IOException {
        ConfigLoader loader = new ConfigLoader(System.getenv(), Main.home());
        if (file != null) {
            return loader.load(file);
        }
        try (InputStream in = ScriptSetup.class.getResourceAsStream("/demo-config.json")) {
            return loader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "embedded demo config");
        }
    }
}
