package dev.kryten.llm.script;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Value;

/** Reads fields of a JS object a script returned, with errors that name the file and the field. */
final class JsReader {
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
        return v.asString();
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
            return List.of(v.asString());
        }
        if (!v.hasArrayElements()) {
            throw new ScriptException(file, 0, 0, "`" + field + "` must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (long i = 0; i < v.getArraySize(); i++) {
            Value item = v.getArrayElement(i);
            if (!item.isString()) {
                throw new ScriptException(file, 0, 0, "`" + field + "[" + i + "]` must be a string");
            }
            out.add(item.asString());
        }
        return out;
    }
}
