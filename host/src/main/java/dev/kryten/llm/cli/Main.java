package dev.kryten.llm.cli;

import dev.kryten.llm.KrytenException;
import dev.kryten.llm.app.BotHost;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kryten-llm}: runs the bot with a config file, checks a config, or runs the demo. */
@Command(name = "kryten-llm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {DemoCommand.class, TestScriptsCommand.class, ReplayCommand.class},
        description = "An LLM-powered character for CyTube channels, over NATS via Kryten-Robot.")
public final class Main implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "The JSON config file (kryten-llm key names).")
    Path config;

    @Option(names = "--validate-config", description = "Check the config and exit: 0 when valid, 2 when not.")
    boolean validateOnly;

    @Option(names = "--dry-run", description = "Run the whole path (triggers, model, formatting) but only log replies; "
            + "the channel hears nothing.")
    boolean dryRun;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO",
            description = "TRACE, DEBUG, INFO, WARN or ERROR (default ${DEFAULT-VALUE}).")
    String logLevel;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof KrytenException) {
                commandLine.getErr().println("kryten-llm: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** The installation folder: set by bin/kryten-llm, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("kryten.home", ".")).toAbsolutePath().normalize();
    }

    @Override
    public Integer call() throws Exception {
        Logging.setLevel(logLevel);
        if (config == null) {
            System.err.println("kryten-llm: --config FILE is required (or try `kryten-llm demo`); see --help");
            return 2;
        }
        BotConfig loaded = new ConfigLoader(System.getenv(), home()).load(config);
        if (validateOnly) {
            loaded.warnings().forEach(w -> System.out.println("warning: " + w));
            System.out.println(config + ": valid (" + loaded.channels().size() + " channel(s), providers "
                    + loaded.providers().stream().map(p -> p.name()).toList() + ")");
            return 0;
        }
        BotHost host = BotHost.start(loaded, BotHost.Options.defaults().withDryRun(dryRun));
        host.watchConfig(config, new ConfigLoader(System.getenv(), home()));
        host.onRestartRequested(() -> System.exit(0)); // the shutdown hook stops the bot cleanly; systemd starts it again
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
