package dev.kryten.llm.config;

/**
 * The {@code metrics} section (kryten-llm's keys): the HTTP endpoint that serves {@code /health}
 * and {@code /metrics}.
 *
 * @param enabled [{@code enabled}] serve them, default true
 * @param host    [{@code host}] the address to listen on, default {@code 127.0.0.1} (this machine only);
 *                {@code 0.0.0.0} listens on every interface
 * @param port    [{@code port}] the TCP port, default 28286 (kryten-llm's); 0 takes any free port
 *                (the demo and tests do, so they never collide with a running bot)
 */
public record MetricsConfig(boolean enabled, String host, int port) {
    public static final boolean DEFAULT_ENABLED = true;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 28286;

    public MetricsConfig {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException("metrics.host", "must be an address or host name like 127.0.0.1, was \"" + host + "\"");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("metrics.port", "must be between 0 and 65535, was " + port);
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(DEFAULT_ENABLED, DEFAULT_HOST, DEFAULT_PORT);
    }

    /** The same endpoint on another port (the demo uses 0: any free port). */
    public MetricsConfig withPort(int newPort) {
        return new MetricsConfig(enabled, host, newPort);
    }
}
