package dev.kryten.llm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.api.ChatMessage;
import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.Persona;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import dev.kryten.llm.api.ProviderSettings;
import dev.kryten.llm.plugin.PluginHost;
import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.FakeOpenAiServer.Reply;
import dev.kryten.llm.support.ShippedPlugins;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped openai plugin jar, loaded by PF4J, against a real HTTP server speaking the OpenAI wire format. */
class OpenAiPluginTest {
    @TempDir static Path dir;
    static PluginHost plugins;
    static LlmProvider openai;
    static FakeOpenAiServer server;

    @BeforeAll
    static void load() throws Exception {
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        plugins = new PluginHost(dir.resolve("plugins"));
        openai = plugins.providersByType().get("openai_compatible");
        assertNotNull(openai, "the openai plugin serves openai_compatible");
        assertEquals(openai.getClass(), plugins.providersByType().get("openrouter").getClass());
        server = new FakeOpenAiServer();
    }

    @AfterAll
    static void unload() {
        server.close();
        plugins.close();
    }

    static ProviderSettings settings(String baseUrl, Duration timeout) {
        return new ProviderSettings("local", "openai_compatible", URI.create(baseUrl), "sk-test-key", "test-model", 128, 0.5,
                timeout, Map.of("X-Title", "kryten"), Map.of("organization", "org-42"));
    }

    static CompletionRequest request() {
        return new CompletionRequest(List.of(ChatMessage.system("You are CynthiaRothbot."), ChatMessage.user("Greg says: hi")),
                "hi", new Persona("CynthiaRothbot", List.of()), "420Grindhouse", "t1");
    }

    private static ProviderError failure(Reply reply, Duration timeout) {
        server.reply(reply);
        ProviderException e = assertThrows(ProviderException.class,
                () -> openai.complete(request(), settings(server.baseUrl(), timeout)));
        return e.error();
    }

    @Test
    void successSendsTheWireFormatAndReadsTheAnswer() throws Exception {
        server.reply(Reply.completion("Speed beats size."));
        Completion c = openai.complete(request(), settings(server.baseUrl() + "/", Duration.ofSeconds(5)));
        assertEquals("Speed beats size.", c.text());
        assertEquals("test-model-served", c.model());
        assertEquals(new Completion.Usage(42, 17), c.usage());
        var sent = server.nextRequest(1_000);
        while (server.requestCount() > 0) sent = server.nextRequest(10);
        assertEquals("POST", sent.method());
        assertEquals("/v1/chat/completions", sent.path());
        assertEquals("Bearer sk-test-key", sent.header("Authorization"));
        assertEquals("org-42", sent.header("OpenAI-Organization"));
        assertEquals("kryten", sent.header("X-Title"));
        assertEquals("test-model", sent.body().path("model").asText());
        assertEquals(128, sent.body().path("max_tokens").asInt());
        assertEquals(0.5, sent.body().path("temperature").asDouble());
        assertEquals("system", sent.body().path("messages").get(0).path("role").asText());
        assertEquals("Greg says: hi", sent.body().path("messages").get(1).path("content").asText());
    }

    @Test
    void unauthorizedIsAnAuthFailureThatIsNotRetried() {
        var error = assertInstanceOf(ProviderError.AuthFailed.class, failure(Reply.error(401, "Incorrect API key"), Duration.ofSeconds(5)));
        assertEquals(401, error.status());
        assertTrue(error.detail().contains("Incorrect API key"));
        assertTrue(!error.retryable());
    }

    @Test
    void rateLimitedCarriesRetryAfter() {
        var error = assertInstanceOf(ProviderError.RateLimited.class,
                failure(Reply.error(429, "slow down").withHeader("Retry-After", "7"), Duration.ofSeconds(5)));
        assertEquals(Duration.ofSeconds(7), error.retryAfter().orElseThrow());
    }

    @Test
    void serverErrorIsUnavailable() {
        var error = assertInstanceOf(ProviderError.Unavailable.class, failure(Reply.error(503, "overloaded"), Duration.ofSeconds(5)));
        assertTrue(error.detail().contains("503") && error.detail().contains("overloaded"), error.detail());
    }

    @Test
    void unknownModelIsRejected() {
        assertInstanceOf(ProviderError.Rejected.class, failure(Reply.error(404, "model not found"), Duration.ofSeconds(5)));
    }

    @Test
    void malformedBodiesAreBadResponses() {
        var notJson = assertInstanceOf(ProviderError.BadResponse.class,
                failure(new Reply(200, Map.of(), "<html>gateway</html>", 0), Duration.ofSeconds(5)));
        assertTrue(notJson.detail().contains("not JSON"));
        var noChoices = assertInstanceOf(ProviderError.BadResponse.class,
                failure(new Reply(200, Map.of(), "{\"choices\": []}", 0), Duration.ofSeconds(5)));
        assertTrue(noChoices.detail().contains("no choices"));
        var empty = assertInstanceOf(ProviderError.BadResponse.class, failure(Reply.completion("   "), Duration.ofSeconds(5)));
        assertTrue(empty.detail().contains("empty"));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        var error = assertInstanceOf(ProviderError.Timeout.class,
                failure(Reply.completion("too late").delayed(3_000), Duration.ofMillis(300)));
        assertEquals(Duration.ofMillis(300), error.after());
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProviderException e = assertThrows(ProviderException.class,
                () -> openai.complete(request(), settings("http://127.0.0.1:" + port + "/v1", Duration.ofSeconds(5))));
        assertInstanceOf(ProviderError.Unavailable.class, e.error());
    }
}
