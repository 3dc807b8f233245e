package dev.kryten.llm.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Reads a personality file: an ES module whose default export is the character object. Only
 * {@code name} and {@code nameVariations} are required; everything else has a neutral default.
 */
public final class PersonalityLoader {
    private final ScriptEngine engine;
    private final Path folder;

    public PersonalityLoader(ScriptEngine engine, Path folder) {
        this.engine = engine;
        this.folder = folder;
    }

    /** Loads {@code <folder>/<id>.js}. */
    public Personality load(String id) {
        Path file = folder.resolve(id + ".js");
        String name = "personalities/" + id + ".js";
        if (!Files.isRegularFile(file)) {
            throw new ScriptException(name, 0, 0, "personality file not found in " + folder
                    + " (available: " + available() + ")");
        }
        ScriptFile script = ScriptFile.read(file, name);
        try (Context context = engine.newContext()) {
            Value exports;
            try {
                exports = context.eval(script.source());
            } catch (PolyglotException e) {
                throw ScriptException.from(name, e);
            }
            Value character = exports.getMember("default");
            if (character == null || !character.hasMembers()) {
                throw new ScriptException(name, 0, 0, "must `export default { name, nameVariations, ... }`");
            }
            JsReader read = new JsReader(name, character);
            return new Personality(id,
                    read.requiredString("name"),
                    read.stringList("nameVariations", true),
                    read.string("description", ""),
                    read.stringList("traits", false),
                    read.stringList("expertise", false),
                    read.string("responseStyle", ""),
                    read.stringList("stockLines", false));
        }
    }

    /** Names of the personality files present. */
    public List<String> available() {
        List<String> ids = new ArrayList<>();
        for (ScriptFile f : ScriptFile.readFolder(folder, "personalities/")) {
            ids.add(f.id());
        }
        return ids;
    }
}
