package dev.kryten.llm.config;

import dev.kryten.llm.api.ProviderSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, validated. Built only by {@link ConfigLoader}.
 *
 * @param source            the file it came from (or a description of the embedded default)
 * @param nats              {@code nats}
 * @param channels          {@code channels}, at least one
 * @param personality       {@code personality}
 * @param providers         {@code llm_providers}, in the order the fallback chain tries them
 * @param messageProcessing {@code message_processing}
 * @param formatting        {@code formatting}
 * @param serviceName       {@code service_metadata.service_name}, default {@code llm}: the {@code meta.source} of commands sent
 * @param chatHistorySize   {@code context.chat_history_size}, lines of chat kept per channel, default 30
 * @param paths             {@code paths}
 * @param scriptConfig      what scripts see as their {@code config} argument: {@code triggers},
 *                          {@code auto_participation}, {@code media_change} (validated, defaults filled) and the free-form {@code scripts}
 * @param scriptLimits      {@code scripting}
 * @param admin             {@code admin}
 * @param retryPolicy       {@code retry_strategy}
 * @param lifecycle         {@code service_metadata}: heartbeats and discovery
 * @param turns             {@code turns}: per-channel admission (turns running and waiting)
 * @param metrics           {@code metrics}: the HTTP endpoint for {@code /health} and {@code /metrics}
 * @param warnings          one line per key that was read but not used (unknown or not supported yet)
 */
public record BotConfig(
        String source,
        NatsSettings nats,
        List<ChannelConfig> channels,
        PersonalityConfig personality,
        List<ProviderSettings> providers,
        MessageProcessing messageProcessing,
        FormattingConfig formatting,
        String serviceName,
        int chatHistorySize,
        PathsConfig paths,
        Map<String, Object> scriptConfig,
        ScriptLimits scriptLimits,
        AdminConfig admin,
        RetryPolicy retryPolicy,
        LifecycleConfig lifecycle,
        TurnLimits turns,
        MetricsConfig metrics,
        List<String> warnings) {
    public static final String DEFAULT_SERVICE_NAME = "llm";
    public static final int DEFAULT_CHAT_HISTORY_SIZE = 30;

    public BotConfig {
        channels = List.copyOf(channels);
        providers = List.copyOf(providers);
        warnings = List.copyOf(warnings);
    }

    public BotConfig withNats(NatsSettings newNats) {
        return new BotConfig(source, newNats, channels, personality, providers, messageProcessing, formatting,
                serviceName, chatHistorySize, paths, scriptConfig, scriptLimits, admin, retryPolicy, lifecycle, turns, metrics, warnings);
    }

    public BotConfig withChannels(List<ChannelConfig> newChannels) {
        return new BotConfig(source, nats, newChannels, personality, providers, messageProcessing, formatting,
                serviceName, chatHistorySize, paths, scriptConfig, scriptLimits, admin, retryPolicy, lifecycle, turns, metrics, warnings);
    }

    public BotConfig withPaths(Path scripts, Path personalities, Path plugins) {
        return new BotConfig(source, nats, channels, personality, providers, messageProcessing, formatting,
                serviceName, chatHistorySize, new PathsConfig(scripts, personalities, plugins), scriptConfig, scriptLimits, admin,
                retryPolicy, lifecycle, turns, metrics, warnings);
    }

    public BotConfig withMetrics(MetricsConfig newMetrics) {
        return new BotConfig(source, nats, channels, personality, providers, messageProcessing, formatting,
                serviceName, chatHistorySize, paths, scriptConfig, scriptLimits, admin, retryPolicy, lifecycle, turns,
                newMetrics, warnings);
    }
}
