package dev.kryten.llm.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.ScriptLimits;
import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.support.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every wall of the script sandbox, in the real GraalVM engine: a hostile trigger tries to get
 * out; it gets a clear log line naming its file, and the healthy trigger beside it still answers.
 * A trigger that escaped would return a match named "escaped".
 */
class SandboxWallsTest {
    @TempDir Path dir;
    ScriptEngine engine;
    LogCapture log;

    @BeforeEach
    void setUp() throws Exception {
        engine = new ScriptEngine();
        log = new LogCapture();
        Files.createDirectories(dir.resolve("scripts/triggers"));
        Files.createDirectories(dir.resolve("scripts/prompts"));
        Files.createDirectories(dir.resolve("personalities"));
        Files.writeString(dir.resolve("scripts/prompts/default.js"), "export default (p, m) => [{ role: 'user', content: m.text }];");
        Files.writeString(dir.resolve("personalities/bot.js"), "export default { name: 'Bot', nameVariations: ['bot'] };");
        Files.writeString(dir.resolve("scripts/triggers/healthy.js"), "export default (m) => ({ name: 'healthy', priority: 1 });");
    }

    @AfterEach
    void tearDown() {
        log.close();
        engine.close();
    }

    private LaneScripts lane(String hostile, ScriptLimits limits) throws Exception {
        Files.writeString(dir.resolve("scripts/triggers/hostile.js"), hostile);
        ScriptLibrary library = new ScriptLibrary(engine, dir.resolve("scripts"), dir.resolve("personalities"), Map.of());
        ScriptCatalog catalog = library.loadAll();
        return new LaneScripts(engine, catalog, catalog.characters().get("bot"), library.scriptConfig(), limits);
    }

    private static List<String> names(LaneScripts lane) {
        JsMessage message = new JsMessage("Greg", "hello", 1, 1, false, false);
        ChannelState state = new ChannelState("test", 10);
        JsChannelView view = new JsChannelView(state, Map.of("name", "Bot", "names", List.of("bot"), "personality", "bot"), 1);
        return lane.matchChat(message, view).stream().map(TriggerMatch::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "java class lookup | return { name: 'escaped', context: String(Java.type('java.lang.System').getenv('PATH')) };",
            "java package access | return { name: 'escaped', context: String(java.lang.System.getenv('PATH')) };",
            "environment | return { name: 'escaped', context: JSON.stringify(process.env) };",
            "file read via load | return { name: 'escaped', context: String(load('/etc/passwd')) };",
            "file read via read | return { name: 'escaped', context: String(read('/etc/passwd')) };",
            "network | return { name: 'escaped', context: String(fetch('http://127.0.0.1:1/')) };",
            "threads | const w = new Worker('x.js'); return { name: 'escaped' };",
            "process spawn | return { name: 'escaped', context: String(Java.type('java.lang.ProcessBuilder')) };",
            "deep recursion | const f = (n) => f(n + 1) + 1; return { name: 'escaped', context: String(f(0)) };",
            "huge string | return { name: 'escaped', context: 'x'.repeat(2 ** 31) };",
            "huge array | const a = new Array(2 ** 32); return { name: 'escaped', context: String(a.length) };",
            "huge buffer | const b = new ArrayBuffer(2 ** 45); return { name: 'escaped', context: String(b.byteLength) };",
            "thrown error | throw new Error('boom from a trigger');",
            "endless getter on the result | return { get name() { for (;;) {} } };",
    })
    void aHostileTriggerIsStoppedLoggedAndTheOthersStillAnswer(String wall, String body) throws Exception {
        try (LaneScripts lane = lane("export default function hostile(message, channel) {\n  " + body + "\n}\n", ScriptLimits.defaults())) {
            List<String> matched = names(lane);
            assertEquals(List.of("healthy"), matched, wall + " must not escape");
            String line = log.await(2_000, "trigger failed", "scripts/triggers/hostile.js");
            assertTrue(line.contains("hostile.js:2:") || line.contains("hostile.js: exceeded its time budget"),
                    "the log names the file and line (or the overrun): " + line);
            assertEquals(1, lane.failures("hostile"));
        }
    }

    @Test
    void importsCannotReachFilesOutsideTheScripts() throws Exception {
        Files.writeString(dir.resolve("scripts/triggers/hostile.js"),
                "import secret from '../../../../../../../../etc/passwd';\nexport default () => ({ name: 'escaped', context: String(secret) });\n");
        ScriptLibrary library = new ScriptLibrary(engine, dir.resolve("scripts"), dir.resolve("personalities"), Map.of());
        ScriptCatalog catalog = library.loadAll();
        assertFalse(catalog.contains(dir.resolve("scripts/triggers/hostile.js").toAbsolutePath().normalize()));
        log.await(2_000, "script not loaded", "scripts/triggers/hostile.js");
        try (LaneScripts lane = new LaneScripts(engine, catalog, catalog.characters().get("bot"), library.scriptConfig(),
                ScriptLimits.defaults())) {
            assertEquals(List.of("healthy"), names(lane));
        }
    }

    @Test
    void anEndlessLoopIsInterruptedCountedAndFinallyDisabled() throws Exception {
        ScriptLimits limits = new ScriptLimits(Duration.ofMillis(10), Duration.ofMillis(100), 3);
        try (LaneScripts lane = lane("export default function hostile() {\n  while (true) {}\n}\n", limits)) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(List.of("healthy"), names(lane), "call " + i);
                assertEquals(i, lane.failures("hostile"));
            }
            // cold code gets more time (2 s, then 1 s, then 666 ms): the loop is stopped each time all the same
            log.await(2_000, "scripts/triggers/hostile.js: exceeded its time budget of 2000 ms and was interrupted");
            log.await(2_000, "scripts/triggers/hostile.js: exceeded its time budget of 666 ms and was interrupted");
            log.await(2_000, "trigger scripts/triggers/hostile.js disabled after 3 failures in a row");
            assertTrue(lane.disabled("hostile"));
            assertEquals(List.of("healthy"), names(lane));
            assertEquals(3, lane.failures("hostile"), "a disabled trigger is no longer called");
        }
    }

    @Test
    void aModuleThatLoopsAtLoadIsRefusedNotHung() throws Exception {
        Files.writeString(dir.resolve("scripts/triggers/hostile.js"), "while (true) {}\nexport default () => null;\n");
        ScriptLibrary library = new ScriptLibrary(engine, dir.resolve("scripts"), dir.resolve("personalities"), Map.of());
        ScriptCatalog catalog = library.loadAll();
        assertEquals(List.of("healthy"), catalog.triggerFiles().stream().map(ScriptCatalog::id).toList());
        log.await(2_000, "script not loaded", "hostile.js");
    }

    @Test
    void scriptsCannotChangeTheObjectsTheHostGivesThem() throws Exception {
        try (LaneScripts lane = lane("""
                export default function hostile(message, channel, config) {
                  'use strict';
                  try { message.text = 'changed'; } catch (e) {}
                  try { channel.recent.push({}); } catch (e) {}
                  try { config.triggers = []; } catch (e) {}
                  return { name: message.text === 'hello' && channel.recent.length === 0 ? 'untouched' : 'escaped', priority: 2 };
                }
                """, ScriptLimits.defaults())) {
            assertEquals(List.of("untouched", "healthy"), names(lane));
        }
    }
}
