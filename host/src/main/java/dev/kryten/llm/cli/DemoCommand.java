package dev.kryten.llm.cli;

import dev.kryten.llm.app.BotHost;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ChannelConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.nats.LocalNatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kryten-llm demo}: the whole bot on one machine with nothing else running. It starts a
 * local nats-server, the bot (embedded default config, or yours with --config), and a console
 * channel where you chat with it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Chat with the bot in this terminal: starts a local nats-server, the bot and a console channel.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Use this config instead of the embedded default (its NATS servers are replaced by the local one, "
                    + "its metrics.port by any free port).")
    Path config;

    @Option(names = "--user", defaultValue = "you", description = "Your chat name (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "WARN",
            description = "Log level on stderr (default ${DEFAULT-VALUE}, so the chat stays readable).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        Logging.setLevel(logLevel);
        BotConfig loaded = ScriptSetup.config(config);
        try (LocalNatsServer nats = LocalNatsServer.start()) {
            // its own NATS, and any free port for /health and /metrics: a demo must start beside a running bot
            BotConfig local = loaded.withNats(loaded.nats().withServers(List.of(nats.url())))
                    .withMetrics(loaded.metrics().withPort(0));
            try (BotHost host = BotHost.start(local);
                 Connection console = Nats.connect(nats.url())) {
                if (config != null) {
                    host.watchConfig(config, new ConfigLoader(System.getenv(), Main.home()));
                }
                ChannelConfig channel = local.channels().getFirst();
                String botName = host.accountName();
                System.out.println();
                System.out.println("== kryten-llm demo: you are '" + user + "' in channel '" + channel.channel() + "' with " + botName
                        + " (providers: " + local.providers().stream().map(p -> p.name()).toList() + ")");
                System.out.println("== Say her name to get an answer, e.g.: hey cynthia, what's the best kick in film?");
                host.healthPort().ifPresent(port -> System.out.println("== Health: http://" + local.metrics().host() + ":"
                        + port + "/health, metrics: /metrics"));
                System.out.println("== /quit or Ctrl-D to leave.");
                System.out.println();
                new ConsoleChannel(console, channel.domain(), channel.channel(), user, botName, System.out)
                        .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
                Thread.sleep(200); // let a reply that is on its way still print
            }
        }
        return 0;
    }
}
