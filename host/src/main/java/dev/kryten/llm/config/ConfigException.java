package dev.kryten.llm.config;

import dev.kryten.llm.KrytenException;

/** The configuration cannot be used; the message names the file and the key (e.g. {@code llm_providers.local.base_url}). */
public final class ConfigException extends KrytenException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key.isEmpty() ? message : key + ": " + message);
        this.key = key;
    }

    public ConfigException(String key, String message, Throwable cause) {
        super(key.isEmpty() ? message : key + ": " + message, cause);
        this.key = key;
    }

    /** The dotted path of the offending key, or "" when the problem is the file itself. */
    public String key() {
        return key;
    }
}
