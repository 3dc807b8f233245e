package dev.kryten.llm.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object of the config file, read key by key. Every getter checks the type and range and
 * throws a {@link ConfigException} naming the full dotted key; every key read is remembered, so
 * that what nobody read can be reported as "unknown" afterwards.
 */
final class ConfigSection {
    private final String path;
    private final JsonNode node;
    private final EnvSubstitution env;
    private final Set<String> read = new TreeSet<>();
    private final List<ConfigSection> children = new ArrayList<>();

    ConfigSection(String path, JsonNode node, EnvSubstitution env) {
        this.path = path;
        this.node = node;
        this.env = env;
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    private JsonNode get(String name) {
        read.add(name);
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String string(String name, String fallback) {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ConfigException(key(name), "must be a string, was " + describe(value));
        }
        return env.apply(key(name), value.asText());
    }

    String requiredString(String name) {
        String value = string(name, null);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key(name), "is required and must be a non-empty string");
        }
        return value;
    }

    int integer(String name, int fallback, int min, int max) {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new ConfigException(key(name), "must be a whole number, was " + describe(value));
        }
        int n = value.asInt();
        if (n < min || n > max) {
            throw new ConfigException(key(name), "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    double number(String name, double fallback, double min, double max) {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new ConfigException(key(name), "must be a number, was " + describe(value));
        }
        double n = value.asDouble();
        if (!(n >= min && n <= max)) {
            throw new ConfigException(key(name), "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(key(name), "must be true or false, was " + describe(value));
        }
        return value.asBoolean();
    }

    List<String> strings(String name, List<String> fallback) {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (value.isTextual()) {
            return List.of(env.apply(key(name), value.asText()));
        }
        if (!value.isArray()) {
            throw new ConfigException(key(name), "must be a list of strings, was " + describe(value));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be a string, was " + describe(item));
            }
            out.add(env.apply(key(name) + "[" + i + "]", item.asText()));
        }
        return List.copyOf(out);
    }

    /** A nested object, or an empty one when absent (so defaults apply). */
    ConfigSection section(String name) {
        JsonNode value = get(name);
        if (value != null && !value.isObject()) {
            throw new ConfigException(key(name), "must be an object ({...}), was " + describe(value));
        }
        ConfigSection child = new ConfigSection(key(name), value == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : value, env);
        children.add(child);
        return child;
    }

    /** A list of objects, e.g. {@code channels}. */
    List<ConfigSection> sections(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ConfigException(key(name), "must be a list of objects ([{...}]), was " + describe(value));
        }
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw new ConfigException(key(name) + "[" + i + "]", "must be an object, was " + describe(item));
            }
            ConfigSection child = new ConfigSection(key(name) + "[" + i + "]", item, env);
            children.add(child);
            out.add(child);
        }
        return out;
    }

    /** A map of objects keyed by name, e.g. {@code llm_providers}; keys in file order. */
    Map<String, ConfigSection> namedSections(String name) {
        JsonNode value = get(name);
        Map<String, ConfigSection> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!value.isObject()) {
            throw new ConfigException(key(name), "must be an object of named entries ({\"name\": {...}}), was " + describe(value));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("_")) {
                continue;
            }
            if (!entry.getValue().isObject()) {
                throw new ConfigException(key(name) + "." + entry.getKey(), "must be an object, was " + describe(entry.getValue()));
            }
            ConfigSection child = new ConfigSection(key(name) + "." + entry.getKey(), entry.getValue(), env);
            children.add(child);
            out.put(entry.getKey(), child);
        }
        return out;
    }

    /** The keys of this section nobody has read yet, as plain values (for plugin-specific options); marks them read. */
    Map<String, Object> remainingAsPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name) && !name.startsWith("_")) {
                Object value = plain(key(name), get(name));
                if (value != null) { // a null option means "not set"
                    out.put(name, value);
                }
            }
        }
        return out;
    }

    /** An optional string-to-string map, e.g. {@code custom_headers}. */
    Map<String, String> stringMap(String name) {
        JsonNode value = get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!value.isObject()) {
            throw new ConfigException(key(name), "must be an object of strings, was " + describe(value));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new ConfigException(key(name) + "." + entry.getKey(), "must be a string, was " + describe(entry.getValue()));
            }
            out.put(entry.getKey(), env.apply(key(name) + "." + entry.getKey(), entry.getValue().asText()));
        }
        return out;
    }

    Optional<JsonNode> raw(String name) {
        return Optional.ofNullable(get(name));
    }

    private Object plain(String key, JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return env.apply(key, value.asText());
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                list.add(plain(key + "[" + i + "]", value.get(i)));
            }
            return List.copyOf(list);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), plain(key + "." + e.getKey(), e.getValue())));
        return map;
    }

    /** Adds one line per key that was never read (keys starting with "_" are comments). */
    void collectUnread(List<String> out, Map<String, String> explanations) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.startsWith("_") || read.contains(name)) {
                continue;
            }
            String why = explanations.getOrDefault(key(name), "not used by this version (unknown, or not supported yet); ignored");
            out.add(key(name) + ": " + why);
        }
        for (ConfigSection child : children) {
            child.collectUnread(out, explanations);
        }
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string \"" + value.asText() + "\"";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.toString();
    }
}
