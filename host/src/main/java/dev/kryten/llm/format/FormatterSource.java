package dev.kryten.llm.format;

import dev.kryten.llm.api.ResponseFormatter;
import dev.kryten.llm.plugin.Lease;
import java.util.Optional;

/** Where the chain gets a formatter by name, leased per use so a reloaded plugin is picked up ({@code PluginHost::formatter}). */
@FunctionalInterface
public interface FormatterSource {
    Optional<Lease<ResponseFormatter>> lease(String name);
}
