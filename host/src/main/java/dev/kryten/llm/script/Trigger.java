package dev.kryten.llm.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One trigger file evaluated in one context: its chat function ({@code export default}), its media
 * function ({@code export function onMedia}), its declarative rules ({@code export function rules}),
 * its compiled prefilter, and its failure count. Owned by one lane.
 */
final class Trigger {
    /**
     * A declarative rule: when the condition holds, the match is made in Java without calling the script.
     * With {@code stripMentions}, the match's text is the line without the bot's names.
     */
    record Rule(Prefilter condition, TriggerMatch match, boolean stripMentions) {}

    final String id;
    final String file;
    final Value onChat;
    final Value onMedia;
    final java.util.List<Rule> rules;
    final Prefilter prefilter;
    int consecutiveFailures;
    long totalFailures;
    boolean disabled;
    /** Calls since this trigger was loaded (cold calls get more time). */
    long calls;

    private Trigger(String id, String file, Value onChat, Value onMedia, java.util.List<Rule> rules, Prefilter prefilter) {
        this.id = id;
        this.file = file;
        this.onChat = onChat;
        this.onMedia = onMedia;
        this.rules = rules;
        this.prefilter = prefilter;
    }

    /**
     * Evaluates and checks a trigger file.
     *
     * @throws ScriptException when it does not evaluate, exports neither function, or its prefilter is invalid
     */
    static Trigger load(Context context, ScriptCatalog catalog, java.nio.file.Path path, Object config) {
        String file = catalog.displayName(path);
        Value exports;
        try {
            exports = context.eval(catalog.source(path));
        } catch (PolyglotException e) {
            throw ScriptException.from(file, e);
        }
        Value onChat = function(exports, "default", file);
        Value onMedia = function(exports, "onMedia", file);
        Value rulesExport = exports.getMember("rules");
        if (onChat == null && onMedia == null && (rulesExport == null || rulesExport.isNull())) {
            throw new ScriptException(file, 0, 0, "must `export default function (message, channel, config) {...}` "
                    + "(chat), `export function onMedia(media, channel, config) {...}` or `export function rules(config) {...}`");
        }
        String id = ScriptCatalog.id(path);
        try {
            Prefilter prefilter = onChat == null ? Prefilter.NONE : Prefilter.from(file, exports, config);
            return new Trigger(id, file, onChat, onMedia, rules(id, file, rulesExport, config), prefilter);
        } catch (PolyglotException e) {
            throw ScriptException.from(file, e);
        }
    }

    /** {@code rules}: a list, or a function of the config returning one, of {@code { mentions?, words?, pattern?, match }}. */
    private static java.util.List<Rule> rules(String id, String file, Value spec, Object config) {
        if (spec == null || spec.isNull()) {
            return java.util.List.of();
        }
        Value list = spec.canExecute() ? spec.execute(config) : spec;
        if (list == null || list.isNull()) {
            return java.util.List.of();
        }
        if (!list.hasArrayElements()) {
            throw new ScriptException(file, 0, 0, "`rules` must be (or return) a list of { words | pattern | mentions, match }");
        }
        java.util.List<Rule> out = new java.util.ArrayList<>();
        Trigger owner = new Trigger(id, file, null, null, java.util.List.of(), Prefilter.NONE);
        int size = JsReader.size(file, "`rules`", list, JsReader.MAX_LIST);
        for (int i = 0; i < size; i++) {
            Value rule = list.getArrayElement(i);
            Value match = rule.hasMembers() ? rule.getMember("match") : null;
            if (match == null || !match.hasMembers()) {
                throw new ScriptException(file, 0, 0, "rule " + i + " needs `match: { name, priority, ... }`");
            }
            Value strip = rule.getMember("stripMentions");
            out.add(new Rule(Prefilter.condition(file, "rules[" + i + "]", rule), LaneScripts.toMatch(owner, match, ""),
                    strip != null && strip.isBoolean() && strip.asBoolean()));
        }
        return java.util.List.copyOf(out);
    }

    private static Value function(Value exports, String name, String file) {
        Value value = exports.getMember(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canExecute()) {
            throw new ScriptException(file, 0, 0, "`" + (name.equals("default") ? "export default" : "export " + name)
                    + "` must be a function");
        }
        return value;
    }
}
