package dev.kryten.llm.plugin;

/**
 * An extension in use. While a lease is open, the plugin that made the extension is not unloaded
 * (a reload waits for it), so a request in flight never loses its classes. Close it when done.
 *
 * @param extension the provider or formatter
 * @param pluginId  the plugin it comes from
 */
public record Lease<T>(T extension, String pluginId, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
        release.run();
    }
}
