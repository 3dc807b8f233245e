package dev.kryten.llm.bench;

import dev.kryten.llm.app.BotHost;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.nats.LocalNatsServer;
import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.support.KrytenWire;
import dev.kryten.llm.support.ShippedPlugins;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The bot on a real nats-server, beside a bare jnats subscriber measured in the same run:
 * <ol>
 *   <li>lines per second a bare sync subscriber drains, and the bot's lane (decode, ignore rules,
 *       channel state, every shipped trigger with kryten-llm's example trigger words);</li>
 *   <li>mention → LLM request latency (publish of the chat line until the OpenAI-wire server has
 *       the request), p50/p90/p99;</li>
 *   <li>heap and RSS before and after repeated floods (bounded queues: no growth).</li>
 * </ol>
 * Run: {@code host/src/jmh/bench.sh nats-lane [fallback|jit]}.
 */
public final class NatsLaneBench {
    private static final String CHANNEL = "bench";

    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("bench.lines", 50_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int mentions = Integer.getInteger("bench.mentions", 300);
        Path dir = Files.createTempDirectory("kryten-bench");
        ShippedPlugins.copyTo(dir.resolve("plugins"));
        try (LocalNatsServer nats = LocalNatsServer.start();
             FirstByteHttpServer llm = new FirstByteHttpServer();
             Connection publisher = Nats.connect(nats.url())) {
            Path project = ShippedPlugins.projectDir();
            String config = """
                    {"nats": {"servers": ["%s"]}, "channels": [{"channel": "%s"}],
                     "llm_providers": {"local": {"type": "openai_compatible", "base_url": "%s", "model": "m"}},
                     "message_processing": {"chat_min_delay": 0, "chat_jitter": 0, "split_delay_seconds": 0, "max_message_age_seconds": 3600},
                     "paths": {"scripts": "%s", "personalities": "%s", "plugins": "%s"}, "metrics": {"port": 0}, %s}
                    """.formatted(nats.url(), CHANNEL, llm.baseUrl(), project.resolve("scripts"), project.resolve("personalities"),
                    dir.resolve("plugins"), Corpus.TRIGGERS);
            long startNanos = System.nanoTime();
            try (BotHost host = BotHost.start(new ConfigLoader(Map.of(), dir).parse(config, "bench"))) {
            System.out.printf("bot started in-process in %d ms%n", (System.nanoTime() - startNanos) / 1_000_000);
            String subject = Subjects.event(CHANNEL, "chatMsg");

            double[] bare = new double[rounds];
            double[] lane = new double[rounds];
            long[] heap = new long[rounds];
            long[] rss = new long[rounds];
            for (int r = -2; r < rounds; r++) {
                List<byte[]> corpus = Corpus.lines(lines, 1000 + r, CHANNEL, "cytu.be");
                double bareRate = bareSubscriber(nats.url(), publisher, "bench.bare." + (r + 2), corpus);
                long before = host.lanes().messagesHandled();
                long t0 = System.nanoTime();
                for (byte[] line : corpus) {
                    publisher.publish(subject, line);
                }
                publisher.flush(Duration.ofSeconds(10));
                while (host.lanes().messagesHandled() - before < lines) {
                    Thread.onSpinWait();
                    if (System.nanoTime() - t0 > 60_000_000_000L) {
                        throw new IllegalStateException("lane stuck at " + (host.lanes().messagesHandled() - before));
                    }
                }
                double laneRate = lines / ((System.nanoTime() - t0) / 1e9);
                System.gc();
                long usedHeap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                long residentKb = rssKb();
                System.out.printf("%s round %d: bare jnats %,.0f lines/s | bot lane %,.0f lines/s | heap after GC %d MB | RSS %d MB%n",
                        r < 0 ? "warmup" : "measured", Math.abs(r), bareRate, laneRate, usedHeap >> 20, residentKb >> 10);
                if (r >= 0) {
                    bare[r] = bareRate;
                    lane[r] = laneRate;
                    heap[r] = usedHeap >> 20;
                    rss[r] = residentKb >> 10;
                }
            }
            Arrays.sort(bare);
            Arrays.sort(lane);
            System.out.printf("RESULT nats-lane runtime=%s bare_median=%,.0f lane_median=%,.0f lines/s; heap after GC per round %s MB; RSS %s MB%n",
                    host.scripts().current() == null ? "?" : engineName(), bare[rounds / 2], lane[rounds / 2],
                    Arrays.toString(heap), Arrays.toString(rss));

            long[] latencies = new long[mentions];
            for (int i = -50; i < mentions; i++) {
                llm.clear();
                byte[] body = KrytenWire.chatMsg(CHANNEL, "cytu.be", "GrindhouseGreg", "hey cynthia, question " + i + "?",
                        System.currentTimeMillis(), null);
                long sent = System.nanoTime();
                publisher.publish(subject, body);
                publisher.flush(Duration.ofSeconds(5));
                Long arrived = llm.nextArrival(5_000);
                if (arrived == null) {
                    throw new IllegalStateException("mention " + i + " reached no LLM request");
                }
                if (i >= 0) {
                    latencies[i] = arrived - sent;
                }
                Thread.sleep(20);
            }
            Arrays.sort(latencies);
            System.out.printf("RESULT mention-to-llm-request p50=%.3f ms p90=%.3f ms p99=%.3f ms (n=%d)%n",
                    latencies[mentions / 2] / 1e6, latencies[mentions * 9 / 10] / 1e6, latencies[mentions * 99 / 100] / 1e6, mentions);
            }
        }
        System.exit(0);
    }

    private static String engineName() {
        try (var engine = org.graalvm.polyglot.Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            return engine.getImplementationName();
        }
    }

    /** A sync subscriber that only counts, fed by the same publisher; lines per second it drains. */
    private static double bareSubscriber(String url, Connection publisher, String subject, List<byte[]> corpus) throws Exception {
        try (Connection connection = Nats.connect(url)) {
            Subscription sub = connection.subscribe(subject);
            sub.setPendingLimits(1_000_000, 1L << 30);
            connection.flush(Duration.ofSeconds(5));
            long t0 = System.nanoTime();
            Thread.ofPlatform().start(() -> {
                for (byte[] line : corpus) {
                    publisher.publish(subject, line);
                }
            });
            int received = 0;
            while (received < corpus.size()) {
                Message m = sub.nextMessage(Duration.ofSeconds(10));
                if (m == null) {
                    throw new IllegalStateException("bare subscriber got " + received + " of " + corpus.size());
                }
                received++;
            }
            return corpus.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
