package dev.kryten.llm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.RetryPolicy;
import dev.kryten.llm.api.ChatMessage;
import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.Persona;
import dev.kryten.llm.api.ProviderSettings;
import dev.kryten.llm.plugin.PluginHost;
import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.FakeOpenAiServer.Reply;
import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.ShippedPlugins;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback chain over the real openai plugin jar and two real OpenAI-wire HTTP servers. */
class ProviderChainTest {
    @TempDir static Path dir;
    static PluginHost plugins;
    FakeOpenAiServer a;
    FakeOpenAiServer b;
    LogCapture log;
    final dev.kryten.llm.support.TestClock clock = new dev.kryten.llm.support.TestClock();

    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(10), 2, Duration.ofMillis(50), Duration.ofMillis(50),
            Duration.ofSeconds(20), 3, Duration.ofMillis(300));

    @BeforeAll
    static void load() throws Exception {
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        plugins = new PluginHost(dir.resolve("plugins"));
    }

    @AfterAll
    static void unload() {
        plugins.close();
    }

    @BeforeEach
    void servers() throws Exception {
        a = new FakeOpenAiServer();
        b = new FakeOpenAiServer().reply(Reply.completion("from b"));
        log = new LogCapture();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        log.close();
    }

    static ProviderSettings provider(String name, String url, Duration timeout, Map<String, Object> options) {
        return new ProviderSettings(name, "openai_compatible", URI.create(url), "sk-x", "m", 64, 0.5, timeout, Map.of(), options);
    }

    ProviderChain chain(RetryPolicy policy, ProviderSettings... providers) {
        return new ProviderChain(List.of(providers), plugins::provider, policy, clock);
    }

    static CompletionRequest request() {
        return new CompletionRequest(List.of(ChatMessage.user("Greg says: hi")), "hi", new Persona("Bot", List.of()), "chan", "t1");
    }

    private static int requests(FakeOpenAiServer server) throws InterruptedException {
        int n = 0;
        while (server.nextRequest(0) != null) {
            n++;
        }
        return n;
    }

    @Test
    void serverErrorsAreRetriedWithBackOffUntilTheProviderAnswers() throws Exception {
        a.reply(Reply.error(500, "down"), Reply.error(503, "still down"), Reply.completion("from a"));
        var chain = chain(FAST, provider("a", a.baseUrl(), Duration.ofSeconds(5), Map.of()), provider("b", b.baseUrl(), Duration.ofSeconds(5), Map.of()));
        Answer answer = chain.complete(request(), null).orElseThrow();
        assertEquals("a", answer.provider());
        assertEquals("from a", answer.completion().text());
        assertEquals(3, requests(a));
        assertEquals(0, requests(b));
        assertTrue(log.contains("provider a attempt 1/4 failed: unavailable: HTTP 500"));
        assertTrue(log.contains("provider a attempt 2/4 failed: unavailable: HTTP 503"));
    }

    @Test
    void anAuthenticationFailureIsNotRetriedAndTheNextProviderAnswers() throws Exception {
        a.reply(Reply.error(401, "Incorrect API key"));
        var chain = chain(FAST, provider("a", a.baseUrl(), Duration.ofSeconds(5), Map.of()), provider("b", b.baseUrl(), Duration.ofSeconds(5), Map.of()));
        assertEquals("from b", chain.complete(request(), null).orElseThrow().completion().text());
        assertEquals(1, requests(a));
        assertTrue(log.contains("provider a attempt 1/4 failed: authentication failed (HTTP 401): Incorrect API key"));
    }

    @Test
    void rateLimitedHonoursRetryAfterThenSucceeds() throws Exception {
        a.reply(Reply.error(429, "slow down").withHeader("Retry-After", "0.2"), Reply.completion("from a"));
        var chain = chain(FAST, provider("a", a.baseUrl(), Duration.ofSeconds(5), Map.of()));
        assertEquals("from a", chain.complete(request(), null).orElseThrow().completion().text());
        assertEquals(2, requests(a));
        assertTrue(log.contains("failed: rate limited"));
    }

    @Test
    void slowMalformedAndUnreachableProvidersFallBackInOrder() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        a.reply(Reply.completion("too late").delayed(2_000));
        FakeOpenAiServer malformed = new FakeOpenAiServer().reply(new Reply(200, Map.of(), "{\"choices\": [", 0));
        try {
            var chain = chain(FAST,
                    provider("refused", "http://127.0.0.1:" + closedPort + "/v1", Duration.ofSeconds(2), Map.of("max_retries", 0L)),
                    provider("slow", a.baseUrl(), Duration.ofMillis(300), Map.of("max_retries", 0L)),
                    provider("malformed", malformed.baseUrl(), Duration.ofSeconds(2), Map.of("max_retries", 1L)),
                    provider("b", b.baseUrl(), Duration.ofSeconds(2), Map.of()));
            Answer answer = chain.complete(request(), null).orElseThrow();
            assertEquals("b", answer.provider());
            assertTrue(log.contains("provider refused attempt 1/1 failed: unavailable: connection refused"), log.lines().toString());
            assertTrue(log.contains("provider slow attempt 1/1 failed: no answer within 300 ms"), log.lines().toString());
            assertTrue(log.contains("provider malformed attempt 2/2 failed: bad response: body is not JSON"), log.lines().toString());
        } finally {
            malformed.close();
        }
    }

    @Test
    void whenEveryProviderFailsThereIsNoAnswerAndOneLineSaysSo() throws Exception {
        a.reply(Reply.error(500, "down"));
        b.replyOnly(Reply.error(500, "down too"));
        var chain = chain(FAST, provider("a", a.baseUrl(), Duration.ofSeconds(2), Map.of("max_retries", 1L)),
                provider("b", b.baseUrl(), Duration.ofSeconds(2), Map.of("max_retries", 0L)));
        assertEquals(Optional.empty(), chain.complete(request(), null));
        assertTrue(log.contains("no answer: every provider failed or was skipped ([a, b])"));
    }

    @Test
    void aProviderThatKeepsFailingIsSkippedByItsBreakerAndProbedLater() throws Exception {
        a.reply(Reply.error(500, "down"));
        var chain = chain(FAST, provider("a", a.baseUrl(), Duration.ofSeconds(2), Map.of("max_retries", 0L)),
                provider("b", b.baseUrl(), Duration.ofSeconds(2), Map.of()));
        for (int i = 0; i < 5; i++) {
            assertEquals("b", chain.complete(request(), null).orElseThrow().provider());
        }
        assertEquals(3, requests(a), "after 3 failures in a row the circuit opens and a is skipped");
        assertEquals("open", chain.breakerStates().get("a"));
        assertTrue(log.contains("provider a: circuit opened"));
        clock.advance(Duration.ofMillis(299));
        assertEquals("b", chain.complete(request(), null).orElseThrow().provider(), "still open just before the cool-down ends");
        assertEquals(0, requests(a), "no request reached a while its circuit was open");
        clock.advance(Duration.ofMillis(2));
        a.reply(Reply.completion("a is back"));
        assertEquals("a is back", chain.complete(request(), null).orElseThrow().completion().text(), "the probe goes to a");
        assertEquals("closed", chain.breakerStates().get("a"));
    }

    @Test
    void thePreferredProviderGoesFirstAndUsageIsCounted() throws Exception {
        a.reply(Reply.completion("from a"));
        var chain = chain(FAST, provider("a", a.baseUrl(), Duration.ofSeconds(2), Map.of()), provider("b", b.baseUrl(), Duration.ofSeconds(2), Map.of()));
        assertEquals("b", chain.complete(request(), "b").orElseThrow().provider());
        assertEquals("a", chain.complete(request(), null).orElseThrow().provider());
        @SuppressWarnings("unchecked")
        var providers = (Map<String, Map<String, Object>>) chain.usage().snapshot().get("providers");
        assertEquals(42L, providers.get("b").get("tokens_in"));
        assertEquals(17L, providers.get("b").get("tokens_out"));
        assertEquals(59L, providers.get("a").get("tokens_today"));
    }

    @Test
    void aSpentDailyTokenBudgetMovesTheChainOn() throws Exception {
        a.reply(Reply.completion("from a"));
        var chain = chain(FAST, provider("a", a.baseUrl(), Duration.ofSeconds(2), Map.of("daily_token_budget", 50L)),
                provider("b", b.baseUrl(), Duration.ofSeconds(2), Map.of()));
        assertEquals("a", chain.complete(request(), null).orElseThrow().provider());
        assertEquals("b", chain.complete(request(), null).orElseThrow().provider(), "59 tokens used of 50: a is skipped today");
        assertTrue(log.contains("skipping provider a: daily_token_budget of 50 tokens spent"));
    }
}
