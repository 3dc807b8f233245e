package dev.kryten.llm.cli;

import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What the offline commands (demo, test-scripts, replay) share: their config and their loaded scripts. */
final class ScriptSetup {
    private ScriptSetup() {}

    /** The config's scripts and personalities, loaded and validated (broken files logged and left out). */
    static ScriptLibrary scripts(BotConfig config, ScriptEngine engine) {
        var library = new ScriptLibrary(engine, config.paths().scripts(), config.paths().personalities(),
                config.scriptConfig());
        library.loadAll();
        return library;
    }

    /** The given config file, or the embedded demo config. */
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
