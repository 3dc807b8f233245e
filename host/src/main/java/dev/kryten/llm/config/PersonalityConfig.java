package dev.kryten.llm.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code personality} section. {@code preset} chooses a file in {@code personalities/}; every
 * other key, when present, overrides that file's field, so a kryten-llm config keeps its character.
 *
 * @param preset         [{@code preset}] file name without {@code .js}, default {@code cynthia-rothrock}
 * @param characterName  [{@code character_name}] the bot's chat name (its CyTube account)
 * @param description    [{@code character_description}]
 * @param traits         [{@code personality_traits}]
 * @param expertise      [{@code expertise}]
 * @param responseStyle  [{@code response_style}]
 * @param nameVariations [{@code name_variations}] words that count as a mention
 */
public record PersonalityConfig(
        String preset,
        Optional<String> characterName,
        Optional<String> description,
        Optional<List<String>> traits,
        Optional<List<String>> expertise,
        Optional<String> responseStyle,
        Optional<List<String>> nameVariations) {
    public static final String DEFAULT_PRESET = "cynthia-rothrock";
}
