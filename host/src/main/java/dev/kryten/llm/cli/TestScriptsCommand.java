package dev.kryten.llm.cli;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.script.Personas;
import dev.kryten.llm.script.ScriptCatalog;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptTestRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kryten-llm test-scripts}: runs the {@code *.test.js} files beside the triggers. */
@Command(name = "test-scripts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run the *.test.js files beside the triggers (no NATS, no model). Exit 0 when all pass.")
final class TestScriptsCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Config to take paths, personality and trigger settings from.")
    Path config;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "WARN", description = "Log level (default ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        Logging.setLevel(logLevel);
        BotConfig loaded = ScriptSetup.config(config);
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptCatalog catalog = ScriptSetup.scripts(loaded, engine).current();
            Personas personas = new Personas(loaded.personality());
            Personality personality = personas.resolve(catalog, personas.presetId());
            if (personality == null) {
                System.err.println("kryten-llm: personality " + personas.presetId() + " is missing or broken");
                return 2;
            }
            var result = new ScriptTestRunner(engine, catalog, loaded.scriptConfig(), loaded.scriptLimits(),
                    personas.accountName(catalog), personality).run(System.out);
            return result.ok() ? 0 : 1;
        }
    }
}
