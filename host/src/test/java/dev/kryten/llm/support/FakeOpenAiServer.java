package dev.kryten.llm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on loopback that speaks the OpenAI chat-completions wire format
 * ({@code POST /v1/chat/completions}). Each request takes the next scripted {@link Reply}
 * (the last one repeats) and is recorded with its headers and JSON body.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to answer: status, headers, body, and how long to wait first. A body given as
     * {@code chunks} is sent chunked, {@code chunkDelayMs} apart (a stream); with
     * {@code hangAfterChunks} the server then stops sending without closing (a stalled stream).
     */
    public record Reply(int status, Map<String, String> headers, String body, long delayMs, List<String> chunks,
                        long chunkDelayMs, boolean hangAfterChunks) {
        public Reply(int status, Map<String, String> headers, String body, long delayMs) {
            this(status, headers, body, delayMs, List.of(), 0, false);
        }

        /** A streamed body: each chunk written and flushed on its own. */
        public static Reply stream(String contentType, List<String> chunks) {
            return new Reply(200, Map.of("Content-Type", contentType), "", 0, List.copyOf(chunks), 5, false);
        }

        /** The same stream, stalling (connection open, nothing more sent) after its chunks. */
        public Reply stalling() {
            return new Reply(status, headers, body, delayMs, chunks, chunkDelayMs, true);
        }
        public static Reply completion(String content) {
            ObjectNode root = JSON.createObjectNode();
            root.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", "test-model-served");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            root.putObject("usage").put("prompt_tokens", 42).put("completion_tokens", 17).put("total_tokens", 59);
            return new Reply(200, Map.of("Content-Type", "application/json"), root.toString(), 0);
        }

        public static Reply error(int status, String message) {
            String body = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"test\"}}";
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        public Reply withHeader(String name, String value) {
            var all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, delayMs, chunks, chunkDelayMs, hangAfterChunks);
        }

        public Reply delayed(long ms) {
            return new Reply(status, headers, body, ms, chunks, chunkDelayMs, hangAfterChunks);
        }
    }

    /** One request as received; {@code atNanos} is {@link System#nanoTime()} when its body was read. */
    public record Received(String method, String path, Map<String, List<String>> headers, JsonNode body, long atNanos) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final String expectedPath;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private volatile Reply last = Reply.completion("Speed beats size.");
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile String holdMarker;
    private volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    public FakeOpenAiServer() throws IOException {
        this("/v1/chat/completions");
    }

    /** A server for another wire format, answering on {@code expectedPath} (404 elsewhere). */
    public FakeOpenAiServer(String expectedPath) throws IOException {
        this.expectedPath = expectedPath;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Forgets queued replies and queues these instead. */
    public FakeOpenAiServer replyOnly(Reply... replies) {
        script.clear();
        return reply(replies);
    }

    /** Queues replies for the next requests, in order. */
    public FakeOpenAiServer reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The server's root, without a path. */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Requests whose body contains {@code marker} are received (and recorded) but not answered
     * until {@link #release()}: a model that is slow for one channel, without a timer.
     */
    public void holdRequestsContaining(String marker) {
        hold = new java.util.concurrent.CountDownLatch(1);
        holdMarker = marker;
    }

    /** Answers the held requests and stops holding. */
    public void release() {
        holdMarker = null;
        hold.countDown();
    }

    /** Requests being held now. */
    public int heldCount() {
        return held.get();
    }

    public Received nextRequest(long timeoutMs) throws InterruptedException {
        return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public int requestCount() {
        return received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        long at = System.nanoTime();
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body, at));
        Reply reply = script.poll();
        if (reply == null) {
            reply = last;
        } else {
            last = reply;
        }
        if (!exchange.getRequestURI().getPath().equals(expectedPath)) {
            reply = Reply.error(404, "no such path " + exchange.getRequestURI().getPath());
        }
        try {
            String marker = holdMarker;
            if (marker != null && new String(bytes, StandardCharsets.UTF_8).contains(marker)) {
                held.incrementAndGet();
                try {
                    hold.await();
                } finally {
                    held.decrementAndGet();
                }
            }
            if (reply.delayMs() > 0) {
                Thread.sleep(reply.delayMs());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            if (!reply.chunks().isEmpty()) {
                exchange.sendResponseHeaders(reply.status(), 0); // chunked
                OutputStream os = exchange.getResponseBody();
                for (String chunk : reply.chunks()) {
                    os.write(chunk.getBytes(StandardCharsets.UTF_8));
                    os.flush();
                    Thread.sleep(reply.chunkDelayMs());
                }
                if (reply.hangAfterChunks()) {
                    Thread.sleep(30_000);
                }
                os.close();
                return;
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException | IOException e) {
            exchange.close(); // the client gave up (timeout test); nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
