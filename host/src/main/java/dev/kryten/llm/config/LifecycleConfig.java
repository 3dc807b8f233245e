package dev.kryten.llm.config;

import java.time.Duration;

/**
 * How the bot takes part in Kryten's service discovery ({@code service_metadata} section, kryten-llm's keys).
 *
 * @param heartbeatInterval [{@code heartbeat_interval_seconds}] between heartbeats, 5–300, default 10
 * @param heartbeats        [{@code enable_heartbeats}] publish {@code kryten.lifecycle.<service>.heartbeat}, default true
 * @param discovery         [{@code enable_service_discovery}] answer {@code kryten.service.discovery.poll} and
 *                          Kryten-Robot's start-up by announcing again, default true
 */
public record LifecycleConfig(Duration heartbeatInterval, boolean heartbeats, boolean discovery) {
    public static final int DEFAULT_HEARTBEAT_SECONDS = 10;
}
