package dev.kryten.llm.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One configured provider, as read from an entry of the config's {@code llm_providers} map. The
 * host builds it; plugins only read it. Key names in brackets are the config keys (the same as the
 * Python kryten-llm's).
 *
 * @param name        the entry's key in {@code llm_providers} (e.g. {@code "local"})
 * @param type        [{@code type}] selects the plugin, e.g. {@code openai_compatible}, {@code offline}
 * @param baseUrl     [{@code base_url}] API root, e.g. {@code http://localhost:11434/v1}; null if the type needs none
 * @param apiKey      [{@code api_key}] secret; may be empty. Never log it: {@link #toString()} masks it
 * @param model       [{@code model}] model name sent to the server
 * @param maxTokens   [{@code max_tokens}] answer length cap, default 256
 * @param temperature [{@code temperature}] sampling temperature, default 0.8
 * @param timeout     [{@code timeout_seconds}] deadline for one whole request, default 30 s
 * @param headers     [{@code custom_headers}] extra HTTP headers, e.g. OpenRouter's {@code HTTP-Referer}
 * @param options     every other key of the entry, for plugin-specific settings (JSON types: String, Number, Boolean, List, Map)
 */
public record ProviderSettings(
        String name,
        String type,
        URI baseUrl,
        String apiKey,
        String model,
        int maxTokens,
        double temperature,
        Duration timeout,
        Map<String, String> headers,
        Map<String, Object> options) {

    public static final int DEFAULT_MAX_TOKENS = 256;
    public static final double DEFAULT_TEMPERATURE = 0.8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ProviderSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        apiKey = apiKey == null ? "" : apiKey;
        model = model == null ? "" : model;
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(headers);
        options = Map.copyOf(options);
    }

    /** Whether an API key was configured. */
    public boolean hasApiKey() {
        return !apiKey.isBlank();
    }

    /** Masks the API key so that logging settings never leaks it. */
    @Override
    public String toString() {
        return "ProviderSettings[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl
                + ", apiKey=" + (hasApiKey() ? "***" : "(none)") + ", model=" + model
                + ", maxTokens=" + maxTokens + ", temperature=" + temperature
                + ", timeout=" + timeout + ", headers=" + headers.keySet() + ", options=" + options.keySet() + "]";
    }
}
