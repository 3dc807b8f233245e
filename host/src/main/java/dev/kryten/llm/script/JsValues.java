package dev.kryten.llm.script;

import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/** Hands Java data to scripts as read-only JS objects and arrays (scripts cannot change host state through them). */
final class JsValues {
    private JsValues() {}

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String DEEP_FREEZE = """
            (json) => {
              const freeze = (o) => { if (o && typeof o === 'object') { Object.values(o).forEach(freeze); Object.freeze(o); } return o; };
              return freeze(JSON.parse(json));
            }""";

    /**
     * Plain Java data (maps, lists, strings, numbers, booleans) as a deep-frozen native JS object of
     * this context: as fast to read as any JS object, stable in identity, and unchangeable.
     */
    static Value frozen(org.graalvm.polyglot.Context context, Object data) {
        try {
            return context.eval("js", DEEP_FREEZE).execute(JSON.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("script config is not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    static Object toJs(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new ReadOnlyObject(map);
        }
        if (value instanceof List<?> list) {
            return new ReadOnlyArray(list);
        }
        return value;
    }

    /**
     * A read-only JS object backed by a map; values converted when first read and kept, so a
     * script reading {@code config.triggers} twice gets the same object.
     */
    static final class ReadOnlyObject implements ProxyObject {
        private final Map<?, ?> map;
        private final java.util.concurrent.ConcurrentHashMap<String, Object> converted = new java.util.concurrent.ConcurrentHashMap<>();

        ReadOnlyObject(Map<?, ?> map) {
            this.map = map;
        }

        @Override
        public Object getMember(String key) {
            Object value = map.get(key);
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                return converted.computeIfAbsent(key, k -> toJs(value));
            }
            return value;
        }

        @Override
        public Object getMemberKeys() {
            return new ReadOnlyArray(map.keySet().stream().map(String::valueOf).toList());
        }

        @Override
        public boolean hasMember(String key) {
            return map.containsKey(key);
        }

        @Override
        public void putMember(String key, Value value) {
            throw new UnsupportedOperationException("this object is read-only");
        }

        @Override
        public boolean removeMember(String key) {
            throw new UnsupportedOperationException("this object is read-only");
        }
    }

    /** A read-only JS array backed by a list. */
    static final class ReadOnlyArray implements ProxyArray {
        private final List<?> list;

        ReadOnlyArray(List<?> list) {
            this.list = list;
            this.converted = new Object[list.size()];
        }

        private final Object[] converted;

        @Override
        public Object get(long index) {
            if (index < 0 || index >= list.size()) {
                return null;
            }
            Object value = list.get((int) index);
            if (!(value instanceof Map<?, ?> || value instanceof List<?>)) {
                return value;
            }
            Object cached = converted[(int) index];
            if (cached == null) {
                cached = toJs(value);
                converted[(int) index] = cached;
            }
            return cached;
        }

        @Override
        public void set(long index, Value value) {
            throw new UnsupportedOperationException("this array is read-only");
        }

        @Override
        public boolean remove(long index) {
            throw new UnsupportedOperationException("this array is read-only");
        }

        @Override
        public long getSize() {
            return list.size();
        }
    }
}
