package dev.kryten.llm.config;

import dev.kryten.llm.KrytenException;

/**
 * The configuration cannot be used. The message reads {@code <file>: <key>: <what is wrong>}, e.g.
 * {@code config.json: llm_providers.local.base_url: is required for type openai_compatible}.
 */
public final class ConfigException extends KrytenException {
    private final String file;
    private final String key;
    private final String detail;

    public ConfigException(String key, String detail) {
        this(null, key, detail, null);
    }

    public ConfigException(String key, String detail, Throwable cause) {
        this(null, key, detail, cause);
    }

    private ConfigException(String file, String key, String detail, Throwable cause) {
        super((file == null ? "" : file + ": ") + (key.isEmpty() ? "" : key + ": ") + detail, cause);
        this.file = file;
        this.key = key;
        this.detail = detail;
    }

    /** The same error, said of a file. */
    public ConfigException inFile(String fileName) {
        return new ConfigException(fileName, key, detail, this);
    }

    /** The dotted path of the offending key, or "" when the problem is the file itself. */
    public String key() {
        return key;
    }

    /** The file, when known. */
    public String file() {
        return file;
    }
}
