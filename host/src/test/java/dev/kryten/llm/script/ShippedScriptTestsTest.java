package dev.kryten.llm.script;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.support.ShippedPlugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `kryten-llm test-scripts` over the shipped scripts: every *.test.js case passes. */
class ShippedScriptTestsTest {
    @Test
    void everyShippedTriggerTestPasses() throws Exception {
        BotConfig config = new ConfigLoader(Map.of(), ShippedPlugins.projectDir()).parse("{\"channels\": [{\"channel\": \"demo\"}]}", "t");
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptLibrary library = new ScriptLibrary(engine, config.paths().scripts(), config.paths().personalities(), config.scriptConfig());
            ScriptCatalog catalog = library.loadAll();
            Personality cynthia = catalog.characters().get("cynthia-rothrock");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var result = new ScriptTestRunner(engine, catalog, config.scriptConfig(), "CynthiaRothbot", cynthia)
                    .run(new PrintStream(out, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(result.ok(), report);
            assertTrue(result.passed() >= 15, report);
            assertTrue(report.contains("✓ scripts/triggers/mention.test.js › a word that only contains the name"), report);
        }
    }

    @Test
    void aFailingCaseIsReportedWithWhatDiffered(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var triggers = java.nio.file.Files.createDirectories(dir.resolve("scripts/triggers"));
        java.nio.file.Files.createDirectories(dir.resolve("scripts/prompts"));
        java.nio.file.Files.createDirectories(dir.resolve("personalities"));
        java.nio.file.Files.writeString(dir.resolve("scripts/prompts/default.js"), "export default () => [{role:'user', content:'x'}];");
        java.nio.file.Files.writeString(dir.resolve("personalities/p.js"), "export default { name: 'Bot', nameVariations: ['bot'] };");
        java.nio.file.Files.writeString(triggers.resolve("t.js"), "export default (m) => m.text === 'yes' ? { name: 't', priority: 3 } : null;");
        java.nio.file.Files.writeString(triggers.resolve("t.test.js"), """
                export default [
                  { name: 'matches', message: { text: 'yes' }, expect: { name: 't', priority: 3 } },
                  { name: 'wrong priority', message: { text: 'yes' }, expect: { priority: 9 } },
                  { name: 'expected none', message: { text: 'yes' }, expect: null },
                ];
                """);
        BotConfig config = new ConfigLoader(Map.of(), dir).parse("{\"channels\": [{\"channel\": \"demo\"}]}", "t");
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptLibrary library = new ScriptLibrary(engine, dir.resolve("scripts"), dir.resolve("personalities"), config.scriptConfig());
            ScriptCatalog catalog = library.loadAll();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var result = new ScriptTestRunner(engine, catalog, config.scriptConfig(), "Bot", catalog.characters().get("p"))
                    .run(new PrintStream(out, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(result.passed() == 1 && result.failed() == 2, report);
            assertTrue(report.contains("wrong priority: match 0: expected priority 9, got 3"), report);
            assertTrue(report.contains("expected none: expected no match, got [t (priority 3.0)]"), report);
            assertTrue(report.strip().endsWith("1 passed, 2 failed"), report);
        }
    }
}
