package dev.kryten.llm.script;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.graalvm.polyglot.Value;

/**
 * A trigger's cheap, declarative first check, compiled once into Java so that the JS function runs
 * only for lines that can match. A trigger file declares it as data:
 * {@code export const prefilter = { mentions: true, words: ["kung fu"], pattern: "\\bkarate\\b" }};
 * a line passes when any of the given conditions holds. No prefilter: every line passes.
 */
final class Prefilter {
    static final Prefilter ALL = new Prefilter(false, null, null, true);
    /** The trigger's prefilter function returned {@code false}: it is switched off (e.g. by config). */
    static final Prefilter NONE = new Prefilter(false, null, null, false);

    private final boolean mentions;
    private final WordMatcher words;
    private final Pattern pattern;
    private final boolean all;

    private Prefilter(boolean mentions, WordMatcher words, Pattern pattern, boolean all) {
        this.mentions = mentions;
        this.words = words;
        this.pattern = pattern;
        this.all = all;
    }

    boolean off() {
        return this == NONE;
    }

    boolean passes(JsMessage message) {
        return all || (mentions && message.mentionsBot) || (words != null && words.matches(message.lowerText()))
                || (pattern != null && pattern.matcher(message.text).find());
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
        return condition(file, "prefilter", spec);
    }

    /** Compiles a condition object {@code { mentions, words, pattern }}; {@code what} names it in errors. */
    static Prefilter condition(String file, String what, Value spec) {
        if (!spec.hasMembers()) {
            throw new ScriptException(file, 0, 0, "`" + what + "` must be an object like { mentions: true, words: [...], pattern: \"...\" }");
        }
        JsReader read = new JsReader(file, spec);
        Value mentionsValue = spec.getMember("mentions");
        boolean mentions = mentionsValue != null && mentionsValue.isBoolean() && mentionsValue.asBoolean();
        WordMatcher words = new WordMatcher(read.stringList("words", false));
        String regex = read.string("pattern", null);
        Pattern pattern = null;
        if (regex != null && !regex.isBlank()) {
            try {
                pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE); // RE2: linear time, whatever the pattern
            } catch (PatternSyntaxException e) {
                throw new ScriptException(file, 0, 0, "`" + what + ".pattern` is not a valid RE2 regular expression: "
                        + e.getDescription() + " (backreferences and lookaround are not supported)");
            }
        }
        if (!mentions && words.isEmpty() && pattern == null) {
            throw new ScriptException(file, 0, 0, "`" + what + "` names no condition (mentions, words or pattern): it would never pass");
        }
        return new Prefilter(mentions, words.isEmpty() ? null : words, pattern, false);
    }
}
