package dev.kryten.llm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.api.ProviderSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String MINIMAL = "{\"channels\": [{\"channel\": \"420Grindhouse\"}]}";

    @TempDir Path dir;
    final ConfigLoader loader = new ConfigLoader(Map.of("OPENROUTER_KEY", "sk-or-secret-value"), Path.of("/opt/kryten"));

    @Test
    void minimalConfigGetsDocumentedDefaults() {
        BotConfig c = loader.parse(MINIMAL, "test");
        assertEquals("cytu.be", c.channels().getFirst().domain());
        assertEquals(NatsSettings.DEFAULT_SERVERS, c.nats().servers());
        assertEquals(240, c.messageProcessing().maxMessageLength());
        assertEquals(1.0, c.messageProcessing().chatMinDelay().toMillis() / 1000.0);
        assertEquals("llm", c.serviceName());
        assertEquals("cynthia-rothrock", c.personality().preset());
        assertEquals(Path.of("/opt/kryten/scripts"), c.paths().scripts());
        assertEquals("offline", c.providers().getFirst().type(), "no provider configured: the offline one answers");
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("llm_providers")));
        assertEquals(new MetricsConfig(true, "127.0.0.1", 28286), c.metrics(), "kryten-llm's port, this machine only");
    }

    @Test
    void theMetricsSectionIsReadWithKrytenLlmsKeys() {
        BotConfig c = loader.parse(withChannel("\"metrics\": {\"enabled\": false, \"port\": 9100, \"host\": \"0.0.0.0\"}"), "t");
        assertEquals(new MetricsConfig(false, "0.0.0.0", 9100), c.metrics());
        assertFalse(c.warnings().stream().anyMatch(w -> w.startsWith("metrics")), c.warnings().toString());
        assertEquals(0, loader.parse(withChannel("\"metrics\": {\"port\": 0}"), "t").metrics().port(), "0: any free port");
    }

    @Test
    void aFullPythonKrytenLlmConfigLoadsWithWarningsForWhatIsNotUsedYet() {
        String python = """
                {
                  "_comment": "kryten-llm 0.4.6 config",
                  "nats": {"servers": ["nats://localhost:4222"]},
                  "channels": [{"domain": "cytu.be", "channel": "420Grindhouse"}],
                  "personality": {
                    "character_name": "CynthiaRothbot",
                    "character_description": "legendary martial artist and actress Cynthia Rothrock",
                    "personality_traits": ["confident", "pithy"],
                    "expertise": ["kung fu"],
                    "response_style": "short and punchy",
                    "name_variations": ["cynthia", "rothrock"]
                  },
                  "llm_providers": {
                    "local": {"name": "local", "type": "openai_compatible", "base_url": "http://localhost:1234/v1",
                              "api_key": "not-needed", "model": "llama", "max_tokens": 256, "temperature": 0.8,
                              "timeout_seconds": 30, "max_retries": 3, "priority": 1},
                    "openrouter": {"type": "openrouter", "base_url": "https://openrouter.ai/api/v1",
                                   "api_key": "${OPENROUTER_KEY}", "model": "x/y", "priority": 2,
                                   "custom_headers": {"HTTP-Referer": "https://example.test", "X-Title": "bot"}}
                  },
                  "default_provider": "local",
                  "default_provider_priority": ["openrouter"],
                  "retry_strategy": {"initial_delay": 1.0, "multiplier": 2.0, "max_delay": 30},
                  "rate_limits": {"global_max_per_minute": 2},
                  "triggers": [{"name": "toddy", "patterns": ["toddy"]}],
                  "message_processing": {"max_message_length": 240, "split_delay_seconds": 2},
                  "context": {"chat_history_size": 30, "max_chat_history_in_prompt": 10},
                  "testing": {"dry_run": false},
                  "service_metadata": {"service_name": "llm", "heartbeat_interval_seconds": 10}
                }
                """;
        BotConfig c = loader.parse(python, "kryten-llm config.json");
        assertEquals("CynthiaRothbot", c.personality().characterName().orElseThrow());
        assertEquals(java.util.List.of("openrouter", "local"), c.providers().stream().map(ProviderSettings::name).toList(),
                "default_provider_priority first, then default_provider");
        ProviderSettings openrouter = c.providers().getFirst();
        assertEquals("sk-or-secret-value", openrouter.apiKey(), "${VAR} comes from the environment");
        assertEquals("https://example.test", openrouter.headers().get("HTTP-Referer"));
        assertFalse(openrouter.toString().contains("sk-or-secret-value"), "settings never print the key");
        assertEquals(3L, c.providers().get(1).options().get("max_retries"));
        assertTrue(c.warnings().contains("rate_limits: a kryten-llm setting this version does not use yet; ignored"), c.warnings().toString());
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("context.max_chat_history_in_prompt")), c.warnings().toString());
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("testing: a kryten-llm setting this version does not use yet")));
        assertEquals(java.time.Duration.ofSeconds(10), c.lifecycle().heartbeatInterval());
        assertFalse(c.warnings().stream().anyMatch(w -> w.startsWith("_comment")));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        var e = assertThrows(ConfigException.class, () -> loader.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void invalidJsonSaysWhere() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\n  \"channels\": [\n    {\"channel\": \"x\",}\n  ]\n}");
        var e = assertThrows(ConfigException.class, () -> loader.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void errorsNameTheKey() {
        assertKeyError("{}", "channels", "is required");
        assertKeyError("{\"channels\": []}", "channels", "at least one");
        assertKeyError("{\"channels\": [{\"domain\": \"cytu.be\"}]}", "channels[0].channel", "required");
        assertKeyError("{\"channels\": [{\"channel\": 5}]}", "channels[0].channel", "must be a string");
        assertKeyError("{\"channels\": [{\"channel\": \"a\"}, {\"channel\": \"A\"}]}", "channels[1].channel", "twice");
        assertKeyError("{\"channels\": [{\"channel\": \"!!!\"}]}", "channels[0].channel", "no usable characters");
        assertKeyError(withChannel("\"nats\": {\"servers\": [\"localhost:4222\"]}"), "nats.servers[0]", "not a NATS URL");
        assertKeyError(withChannel("\"llm_providers\": {\"local\": {\"type\": \"openai\", \"model\": \"m\"}}"),
                "llm_providers.local.base_url", "is required");
        assertKeyError(withChannel("\"llm_providers\": {\"local\": {\"base_url\": \"ftp://x\", \"model\": \"m\"}}"),
                "llm_providers.local.base_url", "http://");
        assertKeyError(withChannel("\"llm_providers\": {\"local\": {\"base_url\": \"http://x/v1\", \"model\": \"m\", \"temperature\": 3}}"),
                "llm_providers.local.temperature", "between 0");
        assertKeyError(withChannel("\"llm_providers\": {\"local\": {\"base_url\": \"http://x/v1\", \"model\": \"m\", \"api_key\": \"${NOT_SET}\"}}"),
                "llm_providers.local.api_key", "NOT_SET is not set");
        assertKeyError(withChannel("\"llm_providers\": {\"local\": {\"type\": \"offline\"}}, \"default_provider_priority\": [\"cloud\"]"),
                "default_provider_priority[0]", "\"cloud\"");
        assertKeyError(withChannel("\"message_processing\": {\"max_message_length\": 500}"),
                "message_processing.max_message_length", "between 20 and 320");
        assertKeyError(withChannel("\"message_processing\": {\"chat_min_delay\": \"1\"}"),
                "message_processing.chat_min_delay", "must be a number");
        assertKeyError(withChannel("\"personality\": {\"preset\": \"../etc/passwd\"}"), "personality.preset", "not a personality file name");
        assertKeyError(withChannel("\"personality\": []"), "personality", "must be an object");
        assertKeyError(withChannel("\"llm_providers\": {\"local\": {\"base_url\": \"http://x/v1\", \"model\": \"m\", \"api_key\": \"sk-abc\\r\\ndef\"}}"),
                "llm_providers.local.api_key", "control characters");
        assertKeyError(withChannel("\"llm_providers\": {\"local\": {\"base_url\": \"http://x/v1\", \"model\": \"m\", \"custom_headers\": {\"X-Bad\": \"a\\nb\"}}}"),
                "llm_providers.local.custom_headers.X-Bad", "not a valid HTTP header");
        assertKeyError(withChannel("\"metrics\": {\"port\": 70000}"), "metrics.port", "between 0 and 65535");
        assertKeyError(withChannel("\"metrics\": {\"port\": \"28286\"}"), "metrics.port", "whole number");
        assertKeyError(withChannel("\"metrics\": {\"enabled\": \"yes\"}"), "metrics.enabled", "true or false");
        assertKeyError(withChannel("\"metrics\": {\"host\": \" \"}"), "metrics.host", "address or host name");
    }

    @Test
    void nullOptionsMeanNotSet() {
        BotConfig c = loader.parse(withChannel("\"formatting\": {\"max_parts\": null, \"filter_emoji\": true}"), "t");
        assertEquals(Map.of("filter_emoji", true), c.formatting().options());
    }

    @Test
    void envDefaultsAreUsedWhenTheVariableIsUnset() {
        BotConfig c = loader.parse(withChannel("\"llm_providers\": {\"local\": {\"base_url\": \"http://x/v1\", \"model\": \"m\", \"api_key\": \"${NOT_SET:-}\"}}"), "t");
        assertEquals("", c.providers().getFirst().apiKey());
    }

    private static String withChannel(String more) {
        return "{\"channels\": [{\"channel\": \"420Grindhouse\"}], " + more + "}";
    }

    private void assertKeyError(String json, String key, String fragment) {
        var e = assertThrows(ConfigException.class, () -> loader.parse(json, "t"), json);
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(key + ": ") && e.getMessage().contains(fragment), e.getMessage());
    }
}
