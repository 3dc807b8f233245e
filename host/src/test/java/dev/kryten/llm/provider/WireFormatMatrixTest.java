package dev.kryten.llm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped model plugin (real jars, loaded by PF4J) against a local server speaking its
 * API's real wire format, streaming and not: success, 401, 429 with Retry-After, 500, malformed
 * JSON, a stream that stops before its end marker, a server that stalls, connection refused.
 * Each ends in an answer or in the ProviderError kind the chain decides on; never a hang.
 */
class WireFormatMatrixTest {
    @TempDir static Path dir;
    static PluginHost plugins;

    @BeforeAll
    static void load() throws Exception {
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        plugins = new PluginHost(dir.resolve("plugins"));
    }

    @AfterAll
    static void unload() {
        plugins.close();
    }

    /** One API's wire format. */
    record Api(String type, String path, String contentType, Reply answer, List<String> streamed, String errorJson) {
        @Override
        public String toString() {
            return type;
        }
    }

    static final Api OPENAI = new Api("openai_compatible", "/v1/chat/completions", "text/event-stream",
            Reply.completion("Speed beats size."),
            List.of("data: {\"model\":\"m1\",\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n",
                    "data: {\"model\":\"m1\",\"choices\":[{\"delta\":{\"content\":\"Speed beats \"}}]}\n\n",
                    "data: {\"model\":\"m1\",\"choices\":[{\"delta\":{\"content\":\"size.\"}}]}\n\n",
                    "data: {\"model\":\"m1\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}\n\n",
                    "data: [DONE]\n\n"),
            "{\"error\":{\"message\":\"%s\",\"type\":\"x\"}}");
    static final Api ANTHROPIC = new Api("anthropic", "/v1/messages", "text/event-stream",
            new Reply(200, Map.of("Content-Type", "application/json"), """
                    {"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":[{"type":"text","text":"Speed beats size."}],
                     "stop_reason":"end_turn","usage":{"input_tokens":9,"output_tokens":3}}""", 0),
            List.of("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-test\",\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n",
                    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Speed beats \"}}\n\n",
                    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"size.\"}}\n\n",
                    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}\n\n",
                    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"),
            "{\"type\":\"error\",\"error\":{\"type\":\"x\",\"message\":\"%s\"}}");
    static final Api OLLAMA = new Api("ollama", "/api/chat", "application/x-ndjson",
            new Reply(200, Map.of("Content-Type", "application/json"), """
                    {"model":"llama3.2:3b","message":{"role":"assistant","content":"Speed beats size."},"done":true,
                     "prompt_eval_count":9,"eval_count":3}""", 0),
            List.of("{\"model\":\"llama3.2:3b\",\"message\":{\"role\":\"assistant\",\"content\":\"Speed beats \"},\"done\":false}\n",
                    "{\"model\":\"llama3.2:3b\",\"message\":{\"role\":\"assistant\",\"content\":\"size.\"},\"done\":false}\n",
                    "{\"model\":\"llama3.2:3b\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"prompt_eval_count\":9,\"eval_count\":3}\n"),
            "{\"error\":\"%s\"}");

    static Stream<Arguments> apis() {
        List<Arguments> out = new ArrayList<>();
        for (Api api : List.of(OPENAI, ANTHROPIC, OLLAMA)) {
            out.add(Arguments.of(api, false));
            out.add(Arguments.of(api, true));
        }
        return out.stream();
    }

    static ProviderSettings settings(Api api, String root, boolean stream, Duration timeout) {
        String base = api == OPENAI ? root + "/v1" : root;
        return new ProviderSettings("p", api.type(), URI.create(base), "sk-test", "m", 64, 0.5, timeout, Map.of(),
                Map.of("stream", stream));
    }

    static CompletionRequest request() {
        return new CompletionRequest(List.of(ChatMessage.system("You are Bot."), ChatMessage.user("Greg says: hi")), "hi",
                new Persona("Bot", List.of()), "chan", "t1");
    }

    private static Completion call(Api api, Reply reply, boolean stream, Duration timeout) throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(api.path()).reply(reply)) {
            LlmProvider provider = plugins.providersByType().get(api.type());
            Completion c = provider.complete(request(), settings(api, server.rootUrl(), stream, timeout));
            var sent = server.nextRequest(1_000);
            assertEquals(api.path(), sent.path());
            assertEquals(stream, sent.body().path("stream").asBoolean(false), "stream flag on the wire");
            return c;
        }
    }

    private static ProviderError failure(Api api, Reply reply, boolean stream, Duration timeout) throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer(api.path()).reply(reply)) {
            LlmProvider provider = plugins.providersByType().get(api.type());
            return assertThrows(ProviderException.class,
                    () -> provider.complete(request(), settings(api, server.rootUrl(), stream, timeout))).error();
        }
    }

    private static Reply error(Api api, int status, String message) {
        return new Reply(status, Map.of("Content-Type", "application/json"), api.errorJson().formatted(message), 0);
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void answers(Api api, boolean stream) throws Exception {
        Completion c = call(api, stream ? Reply.stream(api.contentType(), api.streamed()) : api.answer(), stream, Duration.ofSeconds(5));
        assertEquals("Speed beats size.", c.text());
        if (api != OPENAI || stream) {
            assertEquals(new Completion.Usage(9, 3), c.usage());
        }
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void unauthorized(Api api, boolean stream) throws Exception {
        var e = assertInstanceOf(ProviderError.AuthFailed.class, failure(api, error(api, 401, "invalid x-api-key"), stream, Duration.ofSeconds(5)));
        assertTrue(e.detail().contains("invalid x-api-key"), e.detail());
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void rateLimited(Api api, boolean stream) throws Exception {
        var e = assertInstanceOf(ProviderError.RateLimited.class,
                failure(api, error(api, 429, "slow down").withHeader("Retry-After", "7"), stream, Duration.ofSeconds(5)));
        if (api != OLLAMA) {
            assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void serverError(Api api, boolean stream) throws Exception {
        var e = assertInstanceOf(ProviderError.Unavailable.class, failure(api, error(api, 500, "boom"), stream, Duration.ofSeconds(5)));
        assertTrue(e.detail().contains("500") && e.detail().contains("boom"), e.detail());
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void malformedJson(Api api, boolean stream) throws Exception {
        Reply garbage = stream ? Reply.stream(api.contentType(), List.of(api == OLLAMA ? "{\"model\": \n" : "data: {\"oops\n\n"))
                : new Reply(200, Map.of("Content-Type", "application/json"), "{\"choices\": [", 0);
        assertInstanceOf(ProviderError.BadResponse.class, failure(api, garbage, stream, Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void bodyThatStopsMidStream(Api api, boolean stream) throws Exception {
        List<String> cut = api.streamed().subList(0, api.streamed().size() - 1);
        Reply reply = stream ? Reply.stream(api.contentType(), cut)
                : new Reply(200, Map.of("Content-Type", "application/json"), api.answer().body().substring(0, 40), 0);
        var e = assertInstanceOf(ProviderError.BadResponse.class, failure(api, reply, stream, Duration.ofSeconds(5)));
        assertTrue(e.detail().contains(stream ? "ended before" : "not JSON"), e.detail());
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void aServerThatStallsTimesOut(Api api, boolean stream) throws Exception {
        Reply reply = stream ? Reply.stream(api.contentType(), api.streamed().subList(0, 2)).stalling()
                : api.answer().delayed(5_000);
        var e = assertInstanceOf(ProviderError.Timeout.class, failure(api, reply, stream, Duration.ofMillis(400)));
        assertEquals(Duration.ofMillis(400), e.after());
    }

    @ParameterizedTest(name = "{0} stream={1}")
    @MethodSource("apis")
    void connectionRefused(Api api, boolean stream) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LlmProvider provider = plugins.providersByType().get(api.type());
        var e = assertThrows(ProviderException.class,
                () -> provider.complete(request(), settings(api, "http://127.0.0.1:" + port, stream, Duration.ofSeconds(3))));
        assertInstanceOf(ProviderError.Unavailable.class, e.error());
    }
}
