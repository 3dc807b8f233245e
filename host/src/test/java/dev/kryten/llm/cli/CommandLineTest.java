package dev.kryten.llm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.Version;
import dev.kryten.llm.support.ShippedPlugins;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void versionComesFromTheVersionFile() throws Exception {
        String version = Files.readString(ShippedPlugins.projectDir().resolve("VERSION")).strip();
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("kryten-llm " + version + " "), out.toString());
        assertEquals(version, Version.get());
    }

    @Test
    void aBadConfigStopsWithOneMessageNamingTheKey() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"channels\": [{\"channel\": \"x\"}], \"llm_providers\": {\"local\": {\"model\": \"m\"}}}");
        assertEquals(2, run("--config", config.toString(), "--validate-config"));
        assertEquals("kryten-llm: " + config + ": llm_providers.local.base_url: is required for type openai_compatible"
                + " (e.g. http://localhost:11434/v1)", err.toString().strip());
    }

    @Test
    void validateConfigReportsWarningsAndSucceeds() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"channels\": [{\"channel\": \"x\"}], \"spam_detection\": {}}");
        // --validate-config prints on System.out; the exit code is what scripts check
        assertEquals(0, run("--config", config.toString(), "--validate-config"));
    }

    @Test
    void aTakenMetricsPortStopsTheRunWithOneLineAndExitCode2() throws Exception {
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        Path project = ShippedPlugins.projectDir();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path config = dir.resolve("config.json");
            // the port is bound before NATS is dialled, so nothing needs to listen on this NATS URL
            Files.writeString(config, """
                    {"nats": {"servers": ["nats://127.0.0.1:1"]}, "channels": [{"channel": "x"}],
                     "paths": {"scripts": "%s", "personalities": "%s", "plugins": "%s"},
                     "metrics": {"port": %d}}
                    """.formatted(project.resolve("scripts"), project.resolve("personalities"), dir.resolve("plugins"),
                    taken.getLocalPort()));
            assertEquals(2, run("--config", config.toString(), "--log-level", "ERROR"));
            String message = err.toString().strip();
            assertTrue(message.startsWith("kryten-llm: metrics.port: port " + taken.getLocalPort() + " on 127.0.0.1 is in use"),
                    message);
            assertEquals(1, message.lines().count(), message);
        }
    }

    @Test
    void runningWithoutAConfigExplainsWhatIsMissing() {
        assertEquals(2, run());
    }
}
