package dev.kryten.llm.cli;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.dispatch.LogReplay;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kryten-llm replay FILE}: what the bot would have answered in a chat log, without calling a model. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Feed a chat log (Kryten envelopes, wire-capture records or `user: text` lines) through the "
                + "triggers and limits, print what would have been answered and the prompts. No model is called.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The chat log.")
    Path file;

    @Option(names = "--config", paramLabel = "FILE", description = "Config (channel, personality, triggers); default: the demo config.")
    Path config;

    @Option(names = "--interval", defaultValue = "5", description = "Seconds between lines that carry no time (default ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--no-prompts", description = "Print only which lines would be answered.")
    boolean noPrompts;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "WARN", description = "Log level (default ${DEFAULT-VALUE}).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        Logging.setLevel(logLevel);
        BotConfig loaded = ScriptSetup.config(config);
        try (ScriptEngine engine = new ScriptEngine();
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ScriptLibrary library = ScriptSetup.scripts(loaded, engine);
            new LogReplay(loaded, engine, library, (long) (interval * 1000), !noPrompts).run(in, System.out);
            return 0;
        }
    }
}
