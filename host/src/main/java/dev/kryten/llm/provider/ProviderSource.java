package dev.kryten.llm.provider;

import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.plugin.Lease;
import java.util.Optional;

/**
 * Where the chain gets the plugin that serves a provider type: leased for every call, so a
 * reloaded jar is used from the next call on and never unloaded under a call
 * ({@code PluginHost::provider}).
 */
@FunctionalInterface
public interface ProviderSource {
    /** The plugin serving {@code type} (lower-case), or empty when no loaded plugin does. */
    Optional<Lease<LlmProvider>> lease(String type);
}
