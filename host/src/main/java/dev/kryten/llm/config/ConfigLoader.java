package dev.kryten.llm.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.api.ProviderSettings;
import dev.kryten.llm.kryten.Subjects;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the one JSON config file into a validated {@link BotConfig}. Key names follow the Python
 * kryten-llm's {@code config.json}, so its users can bring their file; keys this version does not
 * use become warnings, never errors. Any real problem stops the start with one message naming the key.
 */
public final class ConfigLoader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Sections of a full kryten-llm config that this version reads nothing from yet. */
    private static final List<String> NOT_YET = List.of("rate_limits", "spam_detection", "validation", "testing",
            "templates", "error_handling",
            "ignored_users", "logging", "extractor", "retention", "memory_commands", "self_service");

    /** The types the shipped openai plugin serves: they need a base_url. */
    private static final Set<String> OPENAI_TYPES = Set.of("openai", "openai_compatible", "openrouter");

    private final Map<String, String> environment;
    private final Path home;

    /**
     * @param environment where {@code ${VAR}} values come from (normally {@code System.getenv()})
     * @param home        the installation folder relative {@code paths} resolve against
     */
    public ConfigLoader(Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    public BotConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "config file does not exist").inFile(file.toString());
        } catch (IOException e) {
            throw new ConfigException("", "cannot read the config file: " + e.getMessage(), e).inFile(file.toString());
        }
        try {
            return parse(text, file.toString());
        } catch (ConfigException e) {
            throw e.inFile(file.toString());
        }
    }

    /** Parses config text; {@code source} names it in messages. */
    public BotConfig parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new ConfigException("", "invalid JSON" + (where == null ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr()) + ": " + e.getOriginalMessage().replaceAll("\\s*\\(for .*?\\[Source:.*", ""));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("", "the config must be a JSON object ({...})");
        }
        ConfigSection top = new ConfigSection("", root, new EnvSubstitution(environment));
        List<String> warnings = new ArrayList<>();

        NatsSettings nats = nats(top.section("nats"));
        List<ChannelConfig> channels = channels(top);
        PersonalityConfig personality = personality(top.section("personality"));
        List<ProviderSettings> providers = providers(top, warnings);
        MessageProcessing processing = messageProcessing(top.section("message_processing"));
        FormattingConfig formatting = formatting(top.section("formatting"));
        ConfigSection service = top.section("service_metadata");
        String serviceName = service.string("service_name", BotConfig.DEFAULT_SERVICE_NAME).strip().toLowerCase(Locale.ROOT)
                .replace(".", "-");
        if (Subjects.normalizeToken(serviceName).isEmpty()) {
            throw new ConfigException(service.key("service_name"), "needs letters or digits: it becomes part of NATS subjects");
        }
        LifecycleConfig lifecycle = new LifecycleConfig(
                Duration.ofSeconds(service.integer("heartbeat_interval_seconds", LifecycleConfig.DEFAULT_HEARTBEAT_SECONDS, 5, 300)),
                service.bool("enable_heartbeats", true),
                service.bool("enable_service_discovery", true));
        int historySize = top.section("context").integer("chat_history_size", BotConfig.DEFAULT_CHAT_HISTORY_SIZE, 1, 1000);
        PathsConfig paths = paths(top.section("paths"));
        Map<String, Object> scriptConfig = new LinkedHashMap<>();
        scriptConfig.put("triggers", ScriptConfigReader.triggers(top));
        scriptConfig.put("auto_participation", ScriptConfigReader.autoParticipation(top.section("auto_participation")));
        scriptConfig.put("media_change", ScriptConfigReader.mediaChange(top.section("media_change")));
        scriptConfig.put("scripts", top.section("scripts").remainingAsPlain());
        ConfigSection scripting = top.section("scripting");
        var limits = new ScriptLimits(
                Duration.ofMillis(scripting.integer("trigger_time_budget_ms", ScriptLimits.DEFAULT_TRIGGER_BUDGET_MS, 1, 60_000)),
                Duration.ofMillis(scripting.integer("prompt_time_budget_ms", ScriptLimits.DEFAULT_PROMPT_BUDGET_MS, 1, 60_000)),
                scripting.integer("max_consecutive_failures", ScriptLimits.DEFAULT_MAX_FAILURES, 1, 1_000_000));
        ConfigSection retry = top.section("retry_strategy");
        var retryPolicy = new RetryPolicy(
                seconds(retry.number("initial_delay", RetryPolicy.DEFAULT_INITIAL_DELAY_SECONDS, 0, 60)),
                retry.number("multiplier", RetryPolicy.DEFAULT_MULTIPLIER, 1, 10),
                seconds(retry.number("max_delay", RetryPolicy.DEFAULT_MAX_DELAY_SECONDS, 0, 600)),
                seconds(retry.number("rate_limit_delay", RetryPolicy.DEFAULT_RATE_LIMIT_DELAY_SECONDS, 0, 3600)),
                seconds(retry.number("max_total_seconds", RetryPolicy.DEFAULT_MAX_TOTAL_SECONDS, 1, 3600)),
                retry.integer("breaker_failures", RetryPolicy.DEFAULT_BREAKER_FAILURES, 1, 1000),
                seconds(retry.number("breaker_cooldown_seconds", RetryPolicy.DEFAULT_BREAKER_COOLDOWN_SECONDS, 0.01, 86_400)));
        ConfigSection turnsSection = top.section("turns");
        TurnLimits turns = new TurnLimits(
                turnsSection.integer("max_in_flight", TurnLimits.DEFAULT_MAX_IN_FLIGHT, 1, 64),
                turnsSection.integer("queue_size", TurnLimits.DEFAULT_QUEUE_SIZE, 0, 256),
                seconds(turnsSection.number("max_wait_seconds", TurnLimits.DEFAULT_MAX_WAIT_SECONDS, 0.01, 3600)));
        ConfigSection metricsSection = top.section("metrics");
        MetricsConfig metrics = new MetricsConfig(
                metricsSection.bool("enabled", MetricsConfig.DEFAULT_ENABLED),
                metricsSection.string("host", MetricsConfig.DEFAULT_HOST).strip(),
                metricsSection.integer("port", MetricsConfig.DEFAULT_PORT, 0, 65_535));
        ConfigSection adminSection = top.section("admin");
        AdminConfig admin = new AdminConfig(adminSection.number("min_rank", AdminConfig.DEFAULT_MIN_RANK, 0, 255),
                adminSection.string("persona_command", AdminConfig.DEFAULT_PERSONA_COMMAND));
        if (admin.personaCommand().isBlank() || admin.personaCommand().contains(" ")) {
            throw new ConfigException("admin.persona_command", "must be one word like !persona");
        }

        Map<String, String> explanations = new LinkedHashMap<>();
        NOT_YET.forEach(k -> explanations.put(k, "a kryten-llm setting this version does not use yet; ignored"));
        explanations.put("message_processing.outbound_queue_size", "no longer used: replies waiting per channel are "
                + "bounded by turns.max_in_flight and turns.queue_size; ignored");
        top.collectUnread(warnings, explanations);
        return new BotConfig(source, nats, channels, personality, providers, processing, formatting, serviceName,
                historySize, paths, scriptConfig, limits, admin, retryPolicy, lifecycle, turns, metrics, warnings);
    }

    private NatsSettings nats(ConfigSection s) {
        List<String> servers = s.strings("servers", NatsSettings.DEFAULT_SERVERS);
        if (servers.isEmpty()) {
            throw new ConfigException(s.key("servers"), "needs at least one server URL, e.g. \"nats://localhost:4222\"");
        }
        for (int i = 0; i < servers.size(); i++) {
            String url = servers.get(i);
            if (!url.matches("(?i)(nats|tls|ws|wss)://[^\\s/]+.*")) {
                throw new ConfigException(s.key("servers") + "[" + i + "]", "\"" + url + "\" is not a NATS URL like nats://host:4222");
            }
        }
        double timeout = s.number("connect_timeout", NatsSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds(), 0.1, 600);
        return new NatsSettings(servers, s.string("user", null), s.string("password", null), s.string("token", null),
                seconds(timeout), s.integer("pending_limit_mb", NatsSettings.DEFAULT_PENDING_LIMIT_MB, 1, 4096));
    }

    private List<ChannelConfig> channels(ConfigSection top) {
        if (!top.has("channels")) {
            throw new ConfigException("channels", "is required: a list like [{\"domain\": \"cytu.be\", \"channel\": \"MyChannel\"}]");
        }
        List<ConfigSection> entries = top.sections("channels");
        if (entries.isEmpty()) {
            throw new ConfigException("channels", "needs at least one channel");
        }
        List<ChannelConfig> out = new ArrayList<>();
        for (ConfigSection entry : entries) {
            String domain = entry.string("domain", "cytu.be");
            String channel = entry.requiredString("channel");
            if (Subjects.normalizeToken(channel).isEmpty()) {
                throw new ConfigException(entry.key("channel"), "\"" + channel + "\" has no usable characters for a NATS subject");
            }
            String personality = entry.string("personality", null);
            ChannelConfig config = new ChannelConfig(domain, channel, personality);
            for (ChannelConfig other : out) {
                if (Subjects.normalizeToken(other.channel()).equals(Subjects.normalizeToken(channel))) {
                    throw new ConfigException(entry.key("channel"), "\"" + channel + "\" is listed twice (Kryten subjects ignore case)");
                }
            }
            out.add(config);
        }
        return out;
    }

    private PersonalityConfig personality(ConfigSection s) {
        String preset = s.string("preset", PersonalityConfig.DEFAULT_PRESET);
        if (!preset.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException(s.key("preset"), "\"" + preset + "\" is not a personality file name (letters, digits, '-', '_', '.')");
        }
        Optional<List<String>> variations = Optional.ofNullable(s.strings("name_variations", null));
        Optional<String> name = Optional.ofNullable(s.string("character_name", null));
        if (name.isPresent() && name.get().isBlank()) {
            throw new ConfigException(s.key("character_name"), "must not be empty: it is the bot's chat name");
        }
        return new PersonalityConfig(preset, name,
                Optional.ofNullable(s.string("character_description", null)),
                Optional.ofNullable(s.strings("personality_traits", null)),
                Optional.ofNullable(s.strings("expertise", null)),
                Optional.ofNullable(s.string("response_style", null)),
                variations);
    }

    private List<ProviderSettings> providers(ConfigSection top, List<String> warnings) {
        Map<String, ConfigSection> entries = top.namedSections("llm_providers");
        Map<String, ProviderSettings> byName = new LinkedHashMap<>();
        Map<String, Integer> priorities = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigSection> entry : entries.entrySet()) {
            ConfigSection s = entry.getValue();
            priorities.put(entry.getKey(), s.integer("priority", 99, Integer.MIN_VALUE, Integer.MAX_VALUE));
            byName.put(entry.getKey(), provider(entry.getKey(), s));
        }
        List<String> priorityList = top.strings("default_provider_priority", List.of());
        String defaultProvider = top.string("default_provider", null);
        if (byName.isEmpty()) {
            if (!priorityList.isEmpty() || defaultProvider != null) {
                throw new ConfigException("llm_providers", "is empty, but default_provider / default_provider_priority name providers");
            }
            warnings.add("llm_providers: none configured; answering from the personality's stock lines (type offline)");
            return List.of(new ProviderSettings("offline", "offline", null, "", "offline", ProviderSettings.DEFAULT_MAX_TOKENS,
                    ProviderSettings.DEFAULT_TEMPERATURE, ProviderSettings.DEFAULT_TIMEOUT, Map.of(), Map.of()));
        }
        List<String> order = new ArrayList<>();
        for (int i = 0; i < priorityList.size(); i++) {
            String name = priorityList.get(i);
            if (!byName.containsKey(name)) {
                throw new ConfigException("default_provider_priority[" + i + "]", "names \"" + name + "\", which is not in llm_providers " + byName.keySet());
            }
            if (!order.contains(name)) {
                order.add(name);
            }
        }
        if (defaultProvider != null) {
            if (!byName.containsKey(defaultProvider)) {
                throw new ConfigException("default_provider", "names \"" + defaultProvider + "\", which is not in llm_providers " + byName.keySet());
            }
            if (!order.contains(defaultProvider)) {
                order.add(defaultProvider);
            }
        }
        byName.keySet().stream()
                .filter(n -> !order.contains(n))
                .sorted(Comparator.comparingInt((String n) -> priorities.get(n)).thenComparing(n -> n))
                .forEach(order::add);
        return order.stream().map(byName::get).toList();
    }

    private ProviderSettings provider(String name, ConfigSection s) {
        String type = s.string("type", "openai_compatible").toLowerCase(Locale.ROOT);
        s.string("name", name); // kryten-llm repeats the name inside the entry; the map key wins
        String baseUrl = s.string("base_url", null);
        URI uri = null;
        if (baseUrl != null) {
            try {
                uri = new URI(baseUrl);
            } catch (URISyntaxException e) {
                throw new ConfigException(s.key("base_url"), "\"" + baseUrl + "\" is not a URL: " + e.getReason());
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new ConfigException(s.key("base_url"), "\"" + baseUrl + "\" must be an http:// or https:// URL with a host");
            }
        } else if (OPENAI_TYPES.contains(type)) {
            // anthropic and ollama have well-known defaults (api.anthropic.com, localhost:11434); other
            // plugins' types decide for themselves
            throw new ConfigException(s.key("base_url"), "is required for type " + type + " (e.g. http://localhost:11434/v1)");
        }
        String apiKey = s.string("api_key", "").strip();
        if (apiKey.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            // never echo the value: it is a secret
            throw new ConfigException(s.key("api_key"), "contains spaces or control characters (a line break from an .env file?)");
        }
        String model = s.string("model", "");
        if (model.isBlank() && (OPENAI_TYPES.contains(type) || type.equals("anthropic") || type.equals("ollama"))) {
            throw new ConfigException(s.key("model"), "is required for type " + type);
        }
        int maxTokens = s.integer("max_tokens", ProviderSettings.DEFAULT_MAX_TOKENS, 1, 1_000_000);
        double temperature = s.number("temperature", ProviderSettings.DEFAULT_TEMPERATURE, 0, 2);
        double timeout = s.number("timeout_seconds", ProviderSettings.DEFAULT_TIMEOUT.toSeconds(), 0.1, 3600);
        Map<String, String> headers = s.stringMap("custom_headers");
        for (var header : headers.entrySet()) {
            if (header.getValue().chars().anyMatch(c -> c < 0x20 || c == 0x7f) || !header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new ConfigException(s.key("custom_headers") + "." + header.getKey(),
                        "is not a valid HTTP header (name must be a token, value without control characters)");
            }
        }
        s.integer("max_retries", RetryPolicy.DEFAULT_MAX_RETRIES, 0, 10);
        s.integer("daily_token_budget", 0, 0, Integer.MAX_VALUE);
        Map<String, Object> options = s.remainingAsPlain();
        options.remove("priority");
        s.raw("max_retries").ifPresent(v -> options.put("max_retries", v.asLong()));
        s.raw("daily_token_budget").ifPresent(v -> options.put("daily_token_budget", v.asLong()));
        return new ProviderSettings(name, type, uri, apiKey, model, maxTokens, temperature, seconds(timeout), headers, options);
    }

    private MessageProcessing messageProcessing(ConfigSection s) {
        return new MessageProcessing(
                s.integer("max_message_length", MessageProcessing.DEFAULT_MAX_MESSAGE_LENGTH, 20, 320),
                seconds(s.number("split_delay_seconds", MessageProcessing.DEFAULT_SPLIT_DELAY_SECONDS, 0, 60)),
                seconds(s.number("chat_min_delay", MessageProcessing.DEFAULT_CHAT_MIN_DELAY, 0, 60)),
                seconds(s.number("chat_jitter", MessageProcessing.DEFAULT_CHAT_JITTER, 0, 60)),
                Duration.ofSeconds(s.integer("max_message_age_seconds", MessageProcessing.DEFAULT_MAX_MESSAGE_AGE_SECONDS, 1, 86_400)),
                seconds(s.number("robot_ack_timeout_seconds", MessageProcessing.DEFAULT_ROBOT_ACK_TIMEOUT_SECONDS, 0.05, 60)),
                seconds(s.number("robot_wait_seconds", MessageProcessing.DEFAULT_ROBOT_WAIT_SECONDS, 0, 3600)));
    }

    private FormattingConfig formatting(ConfigSection s) {
        List<String> chain = s.strings("chain", FormattingConfig.DEFAULT_CHAIN);
        return new FormattingConfig(chain, s.remainingAsPlain());
    }

    private PathsConfig paths(ConfigSection s) {
        return new PathsConfig(
                resolve(s.string("scripts", "scripts")),
                resolve(s.string("personalities", "personalities")),
                resolve(s.string("plugins", "plugins")));
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : home.resolve(p)).normalize();
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
