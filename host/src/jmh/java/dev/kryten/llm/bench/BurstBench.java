package dev.kryten.llm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.kryten.llm.nats.LocalNatsServer;
import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.support.KrytenWire;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The launched bot ({@code host/target/kryten-llm/bin/kryten-llm}, as an operator starts it, with
 * the launcher's memory defaults) fed bursts of ≈300-byte chat lines published as fast as NATS takes
 * them, beside a bare jnats subscriber on the same subject in the same run. Per burst: lines the bare
 * subscriber and the bot received, whether the mention after the burst was answered with the burst's
 * tail in its prompt, the bot's resident memory idle, at its peak and 60 s after. Run:
 * {@code host/src/jmh/bench.sh burst} (-Dbench.lines, -Dbench.rounds, -Dbench.settle.seconds).
 */
public final class BurstBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "burst";

    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("bench.lines", 100_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        int settleSeconds = Integer.getInteger("bench.settle.seconds", 60);
        Path home = Path.of(System.getProperty("kryten.project.dir"), "host/target/kryten-llm");
        Path dir = Files.createTempDirectory("kryten-burst");
        BlockingQueue<JsonNode> prompts = new LinkedBlockingQueue<>();
        HttpServer llm = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        llm.createContext("/", exchange -> {
            prompts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] body = """
                    {"id":"b","object":"chat.completion","model":"m","choices":[{"index":0,"finish_reason":"stop",
                    "message":{"role":"assistant","content":"Caught every word."}}],"usage":{"prompt_tokens":1,"completion_tokens":1}}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        llm.start();
        try (LocalNatsServer nats = LocalNatsServer.start(); Connection client = Nats.connect(nats.url())) {
            Path config = dir.resolve("config.json");
            Files.writeString(config, """
                    {"nats": {"servers": ["%s"]}, "channels": [{"channel": "%s"}],
                     "personality": {"character_name": "CynthiaRothbot"},
                     "llm_providers": {"local": {"type": "openai_compatible", "base_url": "http://127.0.0.1:%d/v1", "model": "m"}},
                     "message_processing": {"chat_min_delay": 0, "chat_jitter": 0, "split_delay_seconds": 0},
                     "metrics": {"port": 0}}
                    """.formatted(nats.url(), CHANNEL, llm.getAddress().getPort()));
            AtomicLong said = new AtomicLong();
            var robot = client.createDispatcher(m -> { // plays Kryten-Robot: acknowledges every say
                said.incrementAndGet();
                if (m.getReplyTo() != null) {
                    client.publish(m.getReplyTo(), "{\"success\":true,\"data\":{\"success\":true}}".getBytes(StandardCharsets.UTF_8));
                }
            });
            robot.subscribe(Subjects.ROBOT_COMMAND);
            Process bot = new ProcessBuilder(home.resolve("bin/kryten-llm").toString(), "--config", config.toString())
                    .redirectErrorStream(true).start();
            List<String> botLog = new ArrayList<>();
            AtomicBoolean ready = new AtomicBoolean();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        synchronized (botLog) {
                            botLog.add(line);
                        }
                        if (line.contains("ready in")) {
                            ready.set(true);
                        }
                    }
                } catch (Exception e) {
                    // the process ended
                }
            });
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!ready.get() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!ready.get()) {
                throw new IllegalStateException("the bot did not start: " + botLog);
            }
            Thread.sleep(5_000); // settle after start (JIT, GC) before the idle reading
            System.out.printf("bot pid %d, idle RSS %d MB, JAVA_OPTS=%s%n", bot.pid(), rssMb(bot.pid()),
                    System.getenv().getOrDefault("JAVA_OPTS", ""));
            String subject = Subjects.event(CHANNEL, "chatMsg");
            String filler = "x".repeat(240);
            for (int r = 1; r <= rounds; r++) {
                long idle = rssMb(bot.pid());
                Subscription bare = client.subscribe(subject);
                bare.setPendingLimits(-1, -1);
                AtomicLong peak = new AtomicLong(idle);
                AtomicBoolean sampling = new AtomicBoolean(true);
                Thread sampler = Thread.ofVirtual().start(() -> {
                    while (sampling.get()) {
                        peak.accumulateAndGet(rssMb(bot.pid()), Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                long time = System.currentTimeMillis();
                long started = System.nanoTime();
                for (int i = 0; i < lines; i++) {
                    client.publish(subject, KrytenWire.chatMsg(CHANNEL, "cytu.be", "user" + (i % 50),
                            "round " + r + " line " + i + " " + filler, time + i, null));
                }
                client.publish(subject, KrytenWire.chatMsg(CHANNEL, "cytu.be", "Greg", "cynthia, did you get round " + r + "?",
                        time + lines, null));
                client.flush(Duration.ofSeconds(60));
                double publishSeconds = (System.nanoTime() - started) / 1e9;
                long bareCount = 0;
                Message m;
                while ((m = bare.nextMessage(Duration.ofMillis(500))) != null && m.getData().length > 0) {
                    bareCount++;
                }
                double bareSeconds = (System.nanoTime() - started) / 1e9;
                bare.unsubscribe();
                JsonNode prompt = prompts.poll(120, TimeUnit.SECONDS);
                double answeredSeconds = (System.nanoTime() - started) / 1e9;
                String user = prompt == null ? "" : prompt.path("messages").get(1).path("content").asText();
                boolean tail = user.indexOf("round " + r + " line " + (lines - 9) + " ") >= 0
                        && user.indexOf("round " + r + " line " + (lines - 9) + " ") < user.indexOf("round " + r + " line " + (lines - 1) + " ");
                sampling.set(false);
                sampler.join();
                Thread.sleep(settleSeconds * 1000L);
                long after = rssMb(bot.pid());
                boolean dropped;
                synchronized (botLog) {
                    dropped = botLog.stream().anyMatch(l -> l.contains("NATS is dropping messages"));
                }
                System.out.printf("RESULT burst round %d: %,d lines published in %.2f s; bare jnats received %,d (%.2f s); "
                                + "bot answered the mention: %s (%.2f s after the first line), tail in prompt in order: %s, "
                                + "slow-consumer drop: %s; RSS idle %d MB, peak %d MB, %d s after %d MB%n",
                        r, lines, publishSeconds, bareCount, bareSeconds, prompt != null, answeredSeconds, tail, dropped, idle,
                        peak.get(), settleSeconds, after);
            }
            bot.destroy();
            bot.waitFor(10, TimeUnit.SECONDS);
        } finally {
            llm.stop(0);
        }
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
