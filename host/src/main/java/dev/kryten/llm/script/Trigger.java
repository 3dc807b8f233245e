package dev.kryten.llm.script;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * One trigger file evaluated in one context: its chat function ({@code export default}), its media
 * function ({@code export function onMedia}), its compiled prefilter, and its failure count.
 * Owned by one lane.
 */
final class Trigger {
    final String id;
    final String file;
    final Value onChat;
    final Value onMedia;
    final Prefilter prefilter;
    int consecutiveFailures;
    long totalFailures;
    boolean disabled;
    boolean warm;

    private Trigger(String id, String file, Value onChat, Value onMedia, Prefilter prefilter) {
        this.id = id;
        this.file = file;
        this.onChat = onChat;
        this.onMedia = onMedia;
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
        if (onChat == null && onMedia == null) {
            throw new ScriptException(file, 0, 0, "must `export default function (message, channel, config) {...}` "
                    + "(chat) and/or `export function onMedia(media, channel, config) {...}`");
        }
        Prefilter prefilter;
        try {
            prefilter = onChat == null ? Prefilter.NONE : Prefilter.from(file, exports, config);
        } catch (PolyglotException e) {
            throw ScriptException.from(file, e);
        }
        return new Trigger(ScriptCatalog.id(path), file, onChat, onMedia, prefilter);
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
