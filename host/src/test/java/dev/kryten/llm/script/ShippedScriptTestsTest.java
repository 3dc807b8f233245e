package dev.kryten.llm.script;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.ScriptLimits;
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
            var result = new ScriptTestRunner(engine, catalog, config.scriptConfig(), config.scriptLimits(), "CynthiaRothbot", cynthia)
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
            var result = new ScriptTestRunner(engine, catalog, config.scriptConfig(), config.scriptLimits(), "Bot", catalog.characters().get("p"))
                    .run(new PrintStream(out, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(result.passed() == 1 && result.failed() == 2, report);
            assertTrue(report.contains("wrong priority: match 0: expected priority 9, got 3"), report);
            assertTrue(report.contains("expected none: expected no match, got [t (priority 3.0)]"), report);
            assertTrue(report.strip().endsWith("1 passed, 2 failed"), report);
        }
    }

    /** Writes a script folder with a prompt, a personality and the given trigger files. */
    private static void scripts(java.nio.file.Path dir, Map<String, String> triggerFiles) throws Exception {
        var triggers = java.nio.file.Files.createDirectories(dir.resolve("scripts/triggers"));
        java.nio.file.Files.createDirectories(dir.resolve("scripts/prompts"));
        java.nio.file.Files.createDirectories(dir.resolve("personalities"));
        java.nio.file.Files.writeString(dir.resolve("scripts/prompts/default.js"), "export default () => [{role:'user', content:'x'}];");
        java.nio.file.Files.writeString(dir.resolve("personalities/p.js"), "export default { name: 'Bot', nameVariations: ['bot'] };");
        for (var file : triggerFiles.entrySet()) {
            java.nio.file.Files.writeString(triggers.resolve(file.getKey()), file.getValue());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aTriggerStuckInALoopFailsItsCaseWithinItsBudgetAndTheRunGoesOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        scripts(dir, Map.of("t.js", "export default (m) => { if (m.text === 'loop') { while (true) {} } return { name: 't' }; };",
                "t.test.js", """
                        export default [
                          { name: 'answers', message: { text: 'hi' }, expect: { name: 't' } },
                          { name: 'loops', message: { text: 'loop' }, expect: { name: 't' } },
                          { name: 'answers after the loop', message: { text: 'hi again' }, expect: { name: 't' } },
                        ];
                        """));
        BotConfig config = new ConfigLoader(Map.of(), dir)
                .parse("{\"channels\": [{\"channel\": \"demo\"}], \"scripting\": {\"trigger_time_budget_ms\": 50}}", "t");
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptLibrary library = new ScriptLibrary(engine, dir.resolve("scripts"), dir.resolve("personalities"), config.scriptConfig());
            ScriptCatalog catalog = library.loadAll();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var result = new ScriptTestRunner(engine, catalog, config.scriptConfig(), config.scriptLimits(), "Bot", catalog.characters().get("p"))
                    .run(new PrintStream(out, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8);
            // the loop is the trigger's second call since its load: the budget a lane would give it
            long budgetMs = config.scriptLimits().triggerBudgetNanos(2) / 1_000_000;
            assertTrue(result.passed() == 2 && result.failed() == 1, report);
            assertTrue(report.contains("✓ scripts/triggers/t.test.js › answers\n"), report);
            assertTrue(report.contains("✗ scripts/triggers/t.test.js › loops: scripts/triggers/t.js: exceeded its time budget of "
                    + budgetMs + " ms and was interrupted"), report);
            assertTrue(report.contains("✓ scripts/triggers/t.test.js › answers after the loop"), report);
            assertTrue(report.strip().endsWith("2 passed, 1 failed"), report);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aTriggerStuckInALoopWhileLoadingFailsItsCasesAndTheRunGoesOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        scripts(dir, Map.of(
                "a.js", "export default () => ({ name: 'a' });",
                "a.test.js", "export default [ { name: 'one', message: { text: 'x' }, expect: { name: 'a' } },"
                        + " { name: 'two', message: { text: 'y' }, expect: { name: 'a' } } ];",
                "b.js", """
                        export function rules(config) { if (config.loop) { while (true) {} } return []; }
                        export default () => ({ name: 'b' });
                        """,
                "b.test.js", """
                        export default [
                          { name: 'loads with a config that loops', config: { loop: true }, message: { text: 'x' }, expect: { name: 'b' } },
                          { name: 'answers after it', message: { text: 'x' }, expect: { name: 'b' } },
                        ];
                        """));
        BotConfig config = new ConfigLoader(Map.of(), dir).parse("{\"channels\": [{\"channel\": \"demo\"}]}", "t");
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptLibrary library = new ScriptLibrary(engine, dir.resolve("scripts"), dir.resolve("personalities"), config.scriptConfig());
            ScriptCatalog loaded = library.loadAll();
            // the library would refuse a module that loops at the top level; the runner must hold it to its budget itself
            Map<java.nio.file.Path, String> files = new java.util.TreeMap<>(loaded.files());
            files.put(dir.resolve("scripts/triggers/a.js").toAbsolutePath().normalize(),
                    "while (true) {}\nexport default () => ({ name: 'a' });");
            ScriptCatalog catalog = new ScriptCatalog(loaded.version(), loaded.scripts(), loaded.personalities(), files,
                    loaded.characters());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var result = new ScriptTestRunner(engine, catalog, config.scriptConfig(), config.scriptLimits(), "Bot", catalog.characters().get("p"))
                    .run(new PrintStream(out, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8);
            assertTrue(report.contains("✗ scripts/triggers/a.test.js: scripts/triggers/a.js: took longer than "
                    + ScriptLimits.WARM_UP_BUDGET_MS + " ms to load (interrupted)\n"), report);
            assertTrue(!report.contains("a.test.js › "), report);
            assertTrue(report.contains("✗ scripts/triggers/b.test.js › loads with a config that loops: scripts/triggers/b.js: took longer than "
                    + ScriptLimits.WARM_UP_BUDGET_MS + " ms to load (interrupted)"), report);
            assertTrue(report.contains("✓ scripts/triggers/b.test.js › answers after it"), report);
            assertTrue(result.passed() == 1 && result.failed() == 2, report);
            assertTrue(report.strip().endsWith("1 passed, 2 failed"), report);
        }
    }
}
