package dev.kryten.llm.script;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * Reads fields of a JS object a script returned, with errors that name the file and the field.
 * Every list's size and every string's length is checked before it is copied into Java, so a
 * script returning a sparse array of length 2^32 or a huge string costs one error, not the heap.
 */
final class JsReader {
    /** Longest string a script may hand to the host (a prompt message, a match's text). */
    static final int MAX_STRING = 100_000;
    /** Most items in a list a script hands to the host. */
    static final int MAX_LIST = 1_000;

    private final String file;
    private final Value object;

    JsReader(String file, Value object) {
        this.file = file;
        this.object = object;
    }

    private Value member(String field) {
        Value v = object.getMember(field);
        return v == null || v.isNull() ? null : v;
    }

    String requiredString(String field) {
        String s = string(field, null);
        if (s == null || s.isBlank()) {
            throw new ScriptException(file, 0, 0, "`" + field + "` is required and must be a non-empty string");
        }
        return s;
    }

    String string(String field, String fallback) {
        Value v = member(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isString()) {
            throw new ScriptException(file, 0, 0, "`" + field + "` must be a string");
        }
        return checked(file, field, v);
    }

    /** The source of the length probe; the engine caches its parse, so evaluating it again is cheap. */
    private static final String LENGTH_OF = "(s) => s.length";

    /**
     * A string a script returned, measured in its own context before it is copied into Java and
     * refused when longer than {@link #MAX_STRING}: a 10^8-character string costs an error, not the heap.
     */
    static String checked(String file, String what, Value s) {
        long length = s.getContext().eval("js", LENGTH_OF).execute(s).asLong();
        if (length > MAX_STRING) {
            throw new ScriptException(file, 0, 0, "`" + what + "` is " + length + " characters long; at most " + MAX_STRING);
        }
        return s.asString();
    }

    /** A script's array's size, refused before anything is copied when it exceeds {@code max}. */
    static int size(String file, String what, Value array, int max) {
        long size = array.getArraySize();
        if (size > max) {
            throw new ScriptException(file, 0, 0, what + " has " + size + " elements; at most " + max);
        }
        return (int) size;
    }

    double number(String field, double fallback) {
        Value v = member(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new ScriptException(file, 0, 0, "`" + field + "` must be a number");
        }
        return v.asDouble();
    }

    List<String> stringList(String field, boolean required) {
        Value v = member(field);
        if (v == null) {
            if (required) {
                throw new ScriptException(file, 0, 0, "`" + field + "` is required: a list of strings");
            }
            return List.of();
        }
        if (v.isString()) {
            return List.of(checked(file, field, v));
        }
        if (!v.hasArrayElements()) {
            throw new ScriptException(file, 0, 0, "`" + field + "` must be a list of strings");
        }
        int size = size(file, "`" + field + "`", v, MAX_LIST);
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Value item = v.getArrayElement(i);
            if (!item.isString()) {
                throw new ScriptException(file, 0, 0, "`" + field + "[" + i + "]` must be a string");
            }
            out.add(checked(file, field + "[" + i + "]", item));
        }
        return out;
    }
}
