package dev.kryten.llm.bench;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.dispatch.LaneBench;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.support.ShippedPlugins;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Lines per second through one lane's work, without NATS: decode → ignore rules → channel state →
 * every shipped trigger (mention, patterns with kryten-llm's example triggers, media-change,
 * auto-participation as configured) → limits. Prints the median of the measured rounds.
 *
 * <p>Run: {@code host/src/jmh/bench.sh trigger-path [fallback|jit]}.
 */
public final class TriggerPathBench {
    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("bench.lines", 200_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int warmup = Integer.getInteger("bench.warmup", 5);
        boolean auto = Boolean.getBoolean("bench.auto");
        String json = "{\"channels\": [{\"channel\": \"bench\"}], " + Corpus.TRIGGERS
                + (auto ? ", \"auto_participation\": {\"enabled\": true, \"base_message_interval\": 20}" : "")
                + ", \"scripting\": {\"trigger_time_budget_ms\": " + Integer.getInteger("bench.budget", 10) + "}}";
        BotConfig config = new ConfigLoader(Map.of(), ShippedPlugins.projectDir()).parse(json, "bench");
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptLibrary library = new ScriptLibrary(engine, config.paths().scripts(), config.paths().personalities(), config.scriptConfig());
            library.loadAll();
            try (LaneBench lane = new LaneBench(config, engine, library)) {
                double[] rates = new double[rounds];
                for (int r = -warmup; r < rounds; r++) {
                    List<byte[]> corpus = Corpus.lines(lines, r + 100, "bench", "cytu.be");
                    long start = System.nanoTime();
                    long decisions = lane.feed(corpus);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double rate = lines / seconds;
                    System.out.printf("%s round %d: %,.0f lines/s (%d answers decided)%n", r < 0 ? "warmup" : "measured",
                            Math.abs(r), rate, decisions);
                    if (r >= 0) {
                        rates[r] = rate;
                    }
                }
                Arrays.sort(rates);
                System.out.printf("RESULT trigger-path runtime=%s auto_participation=%s median=%,.0f lines/s min=%,.0f max=%,.0f%n",
                        engine.implementationName(), auto, rates[rounds / 2], rates[0], rates[rounds - 1]);
            }
        }
    }
}
