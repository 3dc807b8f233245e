package dev.kryten.llm.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.RunningBot;
import dev.kryten.llm.support.ShippedPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars added to, replaced in and removed from a running bot's plugins folder, on real NATS:
 * the next reply comes from the new provider; a removal waits for the request in flight.
 */
class HotPluginsTest {
    @TempDir Path dir;
    RunningBot bot;
    LogCapture log;
    long time;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        bot = RunningBot.startWithProviders(dir, """
                "echo": {"type": "example_echo", "delay_ms": 1500},
                "local": {"type": "openai_compatible", "base_url": "%LLM%", "model": "m", "timeout_seconds": 10}""",
                "\"default_provider_priority\": [\"echo\", \"local\"]");
        bot.llm.reply(FakeOpenAiServer.Reply.completion("From the OpenAI server."));
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
        log.close();
    }

    private void mention(String text) {
        time = Math.max(time + 1, System.currentTimeMillis());
        bot.chat("Greg", "cynthia, " + text, time, null);
    }

    @Test
    void aDroppedInJarAnswersTheNextMentionAndARemovedOneFinishesItsRequestFirst() throws Exception {
        assertTrue(log.contains("llm_providers.echo.type: no plugin provides type 'example_echo'"), "a missing plugin is named at start");
        mention("who answers?");
        assertEquals("From the OpenAI server.", bot.nextSay(10_000), "without its jar, echo is skipped");

        Path jar = bot.dir.resolve("plugins").resolve("example-echo.jar");
        Files.copy(ShippedPlugins.exampleEcho(), jar);
        log.await(5_000, "plugin example-echo", "loaded from example-echo.jar");
        mention("and now?");
        assertEquals("Echo: and now?", bot.nextSay(10_000));

        log.clear(); // the line below must be this request's, not the one before
        mention("one more, slowly");
        log.await(10_000, "echo holding the answer"); // the request is in flight, inside the plugin
        Files.delete(jar);
        log.await(30_000, "plugin example-echo unloaded (its jar was removed)"); // after the request in flight
        assertEquals("Echo: one more, slowly", bot.nextSay(10_000), "the request in flight finished before the unload");
        mention("after the removal?");
        assertEquals("From the OpenAI server.", bot.nextSay(10_000));
    }

    @Test
    void aBrokenOrIncompatibleJarIsRefusedAndTheBotKeepsAnswering() throws Exception {
        Path plugins = bot.dir.resolve("plugins");
        Files.write(plugins.resolve("garbage.jar"), new byte[] {1, 2, 3});
        log.await(5_000, "plugin jar garbage.jar refused");
        Path openai = Files.list(plugins).filter(p -> p.getFileName().toString().startsWith("openai-")).findFirst().orElseThrow();
        Path noIndex = plugins.resolve("openai-9.9.9.jar");
        try (var in = new java.util.jar.JarFile(openai.toFile());
             var out = new java.util.jar.JarOutputStream(Files.newOutputStream(dir.resolve("tmp.jar")), in.getManifest())) {
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                if (!e.getName().equals("META-INF/MANIFEST.MF") && !e.getName().equals("META-INF/extensions.idx")) {
                    out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    in.getInputStream(e).transferTo(out);
                }
            }
        }
        Files.move(dir.resolve("tmp.jar"), noIndex, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(openai);
        log.await(5_000, "plugin openai: new jar openai-9.9.9.jar refused, the running version stays", "extensions.idx");
        mention("still there?");
        assertEquals("From the OpenAI server.", bot.nextSay(10_000), "the old openai plugin still serves");
    }
}
