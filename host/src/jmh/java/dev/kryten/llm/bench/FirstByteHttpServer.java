package dev.kryten.llm.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal OpenAI-wire server for latency measurement: it notes {@link System#nanoTime()} when
 * the first byte of each request arrives (the moment the bot's request reached "the LLM"), then
 * reads the request and answers one fixed chat completion, keeping the connection open. The JDK
 * HttpServer adds ~1 ms of its own before a handler sees a request, which would hide the bot's part.
 */
final class FirstByteHttpServer implements AutoCloseable {
    private static final byte[] BODY = """
            {"id":"b","object":"chat.completion","model":"m","choices":[{"index":0,"finish_reason":"stop",
            "message":{"role":"assistant","content":"Speed beats size."}}],"usage":{"prompt_tokens":1,"completion_tokens":1}}"""
            .getBytes(StandardCharsets.UTF_8);

    private final ServerSocket socket;
    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

    FirstByteHttpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("first-byte-accept").start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    /** The arrival time of the next request's first byte, or null after the timeout. */
    Long nextArrival(long timeoutMs) throws InterruptedException {
        return arrivals.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    void clear() {
        arrivals.clear();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("first-byte-conn").start(() -> serve(client));
            }
        } catch (IOException closed) {
            // shutting down
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                arrivals.add(System.nanoTime());
                int contentLength = 0;
                StringBuilder line = new StringBuilder().append((char) first);
                while (true) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    if (c == '\n') {
                        String header = line.toString().strip();
                        if (header.isEmpty()) {
                            break;
                        }
                        if (header.toLowerCase().startsWith("content-length:")) {
                            contentLength = Integer.parseInt(header.substring(15).strip());
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
                in.readNBytes(contentLength);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(BODY);
                out.flush();
            }
        } catch (IOException | NumberFormatException e) {
            // client went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
