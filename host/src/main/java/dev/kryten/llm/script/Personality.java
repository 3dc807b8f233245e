package dev.kryten.llm.script;

import dev.kryten.llm.config.PersonalityConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A character the bot can play, read from a {@code personalities/*.js} file and overlaid with the
 * config's {@code personality} keys.
 *
 * @param id             the file name without {@code .js}
 * @param name           how the character speaks of itself; counts as a mention (the CyTube account is
 *                       {@link Personas#accountName}, which stays across swaps)
 * @param nameVariations other words that count as a mention
 * @param description    who the character is
 * @param traits         personality traits
 * @param expertise      topics the character knows
 * @param responseStyle  how it answers
 * @param stockLines     in-character lines for the offline provider
 */
public record Personality(String id, String name, List<String> nameVariations, String description, List<String> traits,
                          List<String> expertise, String responseStyle, List<String> stockLines) {

    public Personality {
        nameVariations = List.copyOf(nameVariations);
        traits = List.copyOf(traits);
        expertise = List.copyOf(expertise);
        stockLines = List.copyOf(stockLines);
    }

    /** Reads the default export of a personality file; only {@code name} and {@code nameVariations} are required. */
    static Personality fromScript(String id, String file, org.graalvm.polyglot.Value exports) {
        org.graalvm.polyglot.Value character = exports.getMember("default");
        if (character == null || !character.hasMembers() || character.canExecute()) {
            throw new ScriptException(file, 0, 0, "must `export default { name, nameVariations, ... }`");
        }
        JsReader read = new JsReader(file, character);
        org.graalvm.polyglot.Value prompt = exports.getMember("prompt");
        if (prompt != null && !prompt.isNull() && !prompt.canExecute()) {
            throw new ScriptException(file, 0, 0, "`export function prompt(...)` must be a function");
        }
        return new Personality(id,
                read.requiredString("name"),
                read.stringList("nameVariations", true),
                read.string("description", ""),
                read.stringList("traits", false),
                read.stringList("expertise", false),
                read.string("responseStyle", ""),
                read.stringList("stockLines", false));
    }

    /** The config's {@code personality} keys win over the file's fields. */
    public Personality withOverrides(PersonalityConfig config) {
        return new Personality(id,
                config.characterName().orElse(name),
                config.nameVariations().orElse(nameVariations),
                config.description().orElse(description),
                config.traits().orElse(traits),
                config.expertise().orElse(expertise),
                config.responseStyle().orElse(responseStyle),
                stockLines);
    }

    /** The chat name and every variation, lower-cased, without duplicates. */
    public List<String> mentionNames() {
        List<String> names = new ArrayList<>();
        names.add(name.toLowerCase(Locale.ROOT));
        for (String variation : nameVariations) {
            String lower = variation.toLowerCase(Locale.ROOT).strip();
            if (!lower.isEmpty() && !names.contains(lower)) {
                names.add(lower);
            }
        }
        return names;
    }

    /** The shape scripts see (camelCase keys, as in the personality file). */
    public Map<String, Object> toScriptView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("name", name);
        view.put("nameVariations", nameVariations);
        view.put("description", description);
        view.put("traits", traits);
        view.put("expertise", expertise);
        view.put("responseStyle", responseStyle);
        view.put("stockLines", stockLines);
        return view;
    }
}
