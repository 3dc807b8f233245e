package dev.kryten.llm.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.graalvm.polyglot.Value;

/**
 * A trigger's cheap, declarative first check, compiled once into Java so that the JS function runs
 * only for lines that can match. A trigger file declares it as data:
 * {@code export const prefilter = { mentions: true, words: ["kung fu"], pattern: "\\bkarate\\b" }};
 * a line passes when any of the given conditions holds. No prefilter: every line passes.
 */
final class Prefilter {
    static final Prefilter ALL = new Prefilter(false, null, true);
    /** The trigger's prefilter function returned {@code false}: it is switched off (e.g. by config). */
    static final Prefilter NONE = new Prefilter(false, null, false);

    private final boolean mentions;
    private final Pattern pattern;
    private final boolean all;

    private Prefilter(boolean mentions, Pattern pattern, boolean all) {
        this.mentions = mentions;
        this.pattern = pattern;
        this.all = all;
    }

    boolean off() {
        return this == NONE;
    }

    boolean passes(JsMessage message) {
        return all || (mentions && message.mentionsBot) || (pattern != null && pattern.matcher(message.text).find());
    }

    /**
     * Compiles a trigger's {@code prefilter} export: an object, or a function of the script config
     * returning one ({@code null}: every line; {@code false}: the trigger is off).
     */
    static Prefilter from(String file, Value exports, Object config) {
        Value spec = exports.getMember("prefilter");
        if (spec != null && spec.canExecute()) {
            spec = spec.execute(config);
            if (spec.isBoolean() && !spec.asBoolean()) {
                return NONE;
            }
        }
        if (spec == null || spec.isNull()) {
            return ALL;
        }
        if (!spec.hasMembers()) {
            throw new ScriptException(file, 0, 0, "`prefilter` must be an object like { mentions: true, words: [...], pattern: \"...\" }");
        }
        JsReader read = new JsReader(file, spec);
        Value mentionsValue = spec.getMember("mentions");
        boolean mentions = mentionsValue != null && mentionsValue.isBoolean() && mentionsValue.asBoolean();
        List<String> alternatives = new ArrayList<>();
        for (String word : read.stringList("words", false)) {
            if (!word.isBlank()) {
                alternatives.add("(?<![\\p{L}\\p{N}_])" + Pattern.quote(word.toLowerCase(Locale.ROOT)) + "(?![\\p{L}\\p{N}_])");
            }
        }
        String regex = read.string("pattern", null);
        if (regex != null && !regex.isBlank()) {
            alternatives.add("(?:" + regex + ")");
        }
        Pattern pattern = null;
        if (!alternatives.isEmpty()) {
            try {
                pattern = Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            } catch (PatternSyntaxException e) {
                throw new ScriptException(file, 0, 0, "`prefilter.pattern` is not a valid regular expression: " + e.getDescription());
            }
        }
        if (!mentions && pattern == null) {
            throw new ScriptException(file, 0, 0, "`prefilter` names no condition (mentions, words or pattern): it would never pass");
        }
        return new Prefilter(mentions, pattern, false);
    }
}
