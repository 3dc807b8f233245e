package dev.kryten.llm.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.script.ScriptCatalog;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.script.ScriptTestRunner;
import dev.kryten.llm.support.ShippedPlugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in README.md and docs/ work as written, so they cannot drift from the code. */
class DocsExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    static List<String> blocks(String file, String language) throws Exception {
        String text = Files.readString(ShippedPlugins.projectDir().resolve(file));
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    @Test
    void everyConfigExampleLoadsWithoutUnknownKeys() throws Exception {
        ConfigLoader loader = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-example"), ShippedPlugins.projectDir());
        int checked = 0;
        for (String file : List.of("README.md", "docs/configuration.md")) {
            for (String json : blocks(file, "json")) {
                if (!json.contains("\"channels\"")) {
                    continue;
                }
                BotConfig config = loader.parse(json, file);
                assertFalse(config.warnings().stream().anyMatch(w -> w.contains("unknown")), file + ": " + config.warnings());
                checked++;
            }
        }
        BotConfig example = loader.load(ShippedPlugins.projectDir().resolve("config.example.json"));
        assertTrue(example.warnings().isEmpty(), example.warnings().toString());
        assertTrue(checked >= 2, "config examples found: " + checked);
    }

    @Test
    void theScriptingGuidesFirstTriggerAndItsTestPass(@TempDir Path dir) throws Exception {
        List<String> js = blocks("docs/scripting.md", "js");
        Path project = ShippedPlugins.projectDir();
        Path scripts = dir.resolve("scripts");
        Files.createDirectories(scripts.resolve("triggers"));
        Files.createDirectories(scripts.resolve("prompts"));
        Files.copy(project.resolve("scripts/prompts/default.js"), scripts.resolve("prompts/default.js"));
        Files.writeString(scripts.resolve("triggers/hello.js"), js.get(0));
        Files.writeString(scripts.resolve("triggers/hello.test.js"), js.get(1));
        BotConfig config = new ConfigLoader(Map.of(), dir).parse("{\"channels\": [{\"channel\": \"demo\"}]}", "t");
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptLibrary library = new ScriptLibrary(engine, scripts, project.resolve("personalities"), config.scriptConfig());
            ScriptCatalog catalog = library.loadAll();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var result = new ScriptTestRunner(engine, catalog, config.scriptConfig(), config.scriptLimits(), "CynthiaRothbot",
                    catalog.characters().get("cynthia-rothrock")).run(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertTrue(result.ok() && result.passed() == 2, out.toString(StandardCharsets.UTF_8));
        }
    }
}
