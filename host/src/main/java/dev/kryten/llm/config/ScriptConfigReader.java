package dev.kryten.llm.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Reads the config sections the shipped trigger scripts use, with kryten-llm's keys and defaults,
 * so scripts get complete, validated values (snake_case, as in the file).
 */
final class ScriptConfigReader {
    private ScriptConfigReader() {}

    /** {@code triggers}: kryten-llm's trigger-word list. */
    static List<Map<String, Object>> triggers(ConfigSection top) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ConfigSection t : top.sections("triggers")) {
            Map<String, Object> m = new LinkedHashMap<>();
            String name = t.requiredString("name");
            if (names.contains(name)) {
                throw new ConfigException(t.key("name"), "\"" + name + "\" is used by two triggers");
            }
            names.add(name);
            List<String> patterns = t.strings("patterns", List.of());
            if (patterns.isEmpty()) {
                throw new ConfigException(t.key("patterns"), "needs at least one word, phrase or /regex/");
            }
            for (int i = 0; i < patterns.size(); i++) {
                String p = patterns.get(i);
                if (p.length() > 2 && p.startsWith("/") && p.endsWith("/")) {
                    try {
                        Pattern.compile(p.substring(1, p.length() - 1)); // as the prefilter compiles it
                    } catch (PatternSyntaxException e) {
                        throw new ConfigException(t.key("patterns") + "[" + i + "]", "is not a valid RE2 regular expression: "
                                + e.getDescription() + " (backreferences and lookaround are not supported)");
                    }
                } else if (p.isBlank()) {
                    throw new ConfigException(t.key("patterns") + "[" + i + "]", "must not be empty");
                }
            }
            m.put("name", name);
            m.put("patterns", patterns);
            m.put("probability", t.number("probability", 1.0, 0, 1));
            m.put("cooldown_seconds", t.number("cooldown_seconds", 300, 0, 86_400));
            m.put("max_responses_per_hour", t.integer("max_responses_per_hour", 10, 0, 10_000));
            m.put("priority", t.number("priority", 5, 1, 10));
            m.put("context", t.string("context", ""));
            m.put("enabled", t.bool("enabled", true));
            m.put("preferred_provider", t.string("preferred_provider", null));
            t.string("response_style", null); // kryten-llm: declared, never used
            t.string("llm_provider", null); // kryten-llm: deprecated alias
            out.add(m);
        }
        return out;
    }

    /** {@code auto_participation}: an occasional unprompted remark. */
    static Map<String, Object> autoParticipation(ConfigSection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", s.bool("enabled", false));
        m.put("base_message_interval", s.integer("base_message_interval", 20, 1, 100));
        m.put("probability_range", s.number("probability_range", 0.2, 0, 0.5));
        return m;
    }

    /** {@code media_change}: a comment when a long film starts. */
    static Map<String, Object> mediaChange(ConfigSection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", s.bool("enabled", false));
        m.put("min_duration_minutes", s.number("min_duration_minutes", 30, 0, 100_000));
        m.put("chat_context_depth", s.integer("chat_context_depth", 3, 0, 100));
        m.put("transition_explanation", s.string("transition_explanation", "The media has just changed."));
        return m;
    }
}
