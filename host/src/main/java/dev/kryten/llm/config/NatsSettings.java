package dev.kryten.llm.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code nats} section: how to reach the NATS server(s) Kryten-Robot publishes on.
 *
 * @param servers        [{@code servers}] server URLs, default {@code ["nats://localhost:4222"]}
 * @param user           [{@code user}] optional user name
 * @param password       [{@code password}] optional password (use {@code ${VAR}})
 * @param token          [{@code token}] optional auth token (use {@code ${VAR}})
 * @param connectTimeout [{@code connect_timeout}] seconds to wait for one connection attempt, default 10
 * @param pendingLimitMb [{@code pending_limit_mb}] unread chat events a channel may have waiting, in MB of
 *                       message bytes (no count limit), default 64: a burst that fits is read in full; beyond it
 *                       NATS drops the oldest unread events (logged as a slow consumer). Keep it well under the heap.
 */
public record NatsSettings(List<String> servers, String user, String password, String token, Duration connectTimeout,
                           int pendingLimitMb) {
    public static final int DEFAULT_PENDING_LIMIT_MB = 64;
    public static final List<String> DEFAULT_SERVERS = List.of("nats://localhost:4222");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public NatsSettings {
        servers = List.copyOf(servers);
    }

    /** The same settings pointed at other servers (the demo points the host at its own local server). */
    public NatsSettings withServers(List<String> newServers) {
        return new NatsSettings(newServers, user, password, token, connectTimeout, pendingLimitMb);
    }

    @Override
    public String toString() {
        return "NatsSettings[servers=" + servers + ", user=" + user + ", password=" + (password == null ? "(none)" : "***")
                + ", token=" + (token == null ? "(none)" : "***") + "]";
    }
}
