package dev.kryten.llm.script;

import dev.kryten.llm.config.PersonalityConfig;

/**
 * Which character a personality id means in a script catalog, with the config's
 * {@code personality} overrides applied to the configured preset, and the bot's CyTube account
 * name, and the names that mention it. The one place they are worked out (live lanes, replay, test-scripts).
 */
public final class Personas {
    private final PersonalityConfig config;

    public Personas(PersonalityConfig config) {
        this.config = config;
    }

    /** The configured preset's id: a channel without a personality of its own uses it. */
    public String presetId() {
        return config.preset();
    }

    /** The personality {@code id} in {@code catalog} (config overrides applied when it is the preset), or null when unknown. */
    public Personality resolve(ScriptCatalog catalog, String id) {
        Personality p = catalog.characters().get(id);
        if (p == null) {
            return null;
        }
        return id.equals(config.preset()) ? p.withOverrides(config) : p;
    }

    /**
     * The bot's CyTube account: {@code personality.character_name}, else the preset personality's
     * name. It stays the same across personality swaps.
     *
     * @throws ScriptException when the preset is missing and no character_name is configured
     */
    public String accountName(ScriptCatalog catalog) {
        return config.characterName().orElseGet(() -> {
            Personality preset = resolve(catalog, config.preset());
            if (preset == null) {
                throw new ScriptException("personalities/" + config.preset() + ".js", 0, 0,
                        "the configured personality.preset is missing or broken (available: " + catalog.personalityIds() + ")");
            }
            return preset.name();
        });
    }

    /**
     * The names that mention the bot, lower-cased, without duplicates: its account name, then the
     * personality's name and variations. Scripts see them as {@code channel.bot.names}.
     */
    public static java.util.List<String> mentionNames(String accountName, Personality personality) {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(accountName.toLowerCase(java.util.Locale.ROOT));
        for (String name : personality.mentionNames()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
