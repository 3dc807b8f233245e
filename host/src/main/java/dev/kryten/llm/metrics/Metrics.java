package dev.kryten.llm.metrics;

import dev.kryten.llm.turn.LineOutcome;
import dev.kryten.llm.turn.Outcome;
import dev.kryten.llm.turn.PartSent;
import dev.kryten.llm.turn.QueueDepth;
import dev.kryten.llm.turn.TurnListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's meters, served as Prometheus text by {@code /metrics}: a {@link TurnListener} that
 * counts every line's outcome, the answers' latency and tokens and the parts said, plus gauges and
 * counters read from the host at scrape time (queue depths, NATS, scripts, providers) and the JVM's
 * own (memory, GC, threads, CPU). The names are listed in docs/operations.md.
 *
 * <p>Listener methods run on lane and turn threads: they only look up a cached counter and add to it.
 */
public final class Metrics implements TurnListener, AutoCloseable {
    /** Answer latency buckets (seconds): chat models answer in about 0.3 to 30 s. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(13),
            Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    /** The {@code rule} label of outcomes that are not refusals (Prometheus wants one label set per name). */
    static final String NO_RULE = "none";

    private record OutcomeKey(String channel, String kind, String rule) {}

    private record ProviderMeters(Timer latency, Counter tokensIn, Counter tokensOut) {}

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HostProbes probes;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, Counter> lines = new ConcurrentHashMap<>();
    private final Map<OutcomeKey, Counter> outcomes = new ConcurrentHashMap<>();
    private final Map<String, ProviderMeters> answers = new ConcurrentHashMap<>();
    private final Map<String, Counter> parts = new ConcurrentHashMap<>();
    private final MultiGauge waiting;
    private final MultiGauge inFlight;

    /**
     * @param providers the configured provider names (fixed for the host's life: a change needs a restart)
     */
    public Metrics(HostProbes probes, List<String> providers) {
        this.probes = probes;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("kryten.llm.nats.connected", probes, p -> p.natsConnected() ? 1 : 0)
                .description("1 while the NATS connection is up").register(registry);
        Gauge.builder("kryten.llm.scripts.version", probes, HostProbes::scriptsVersion)
                .description("script catalog version: 1 at start, one more per accepted reload").register(registry);
        Gauge.builder("kryten.llm.scripts.problems", probes, p -> p.scriptProblems().size())
                .description("script files whose saved content does not load").register(registry);
        FunctionCounter.builder("kryten.llm.script.failures", probes, HostProbes::scriptFailures)
                .description("trigger and prompt calls that threw, overran their budget or returned nonsense").register(registry);
        for (String provider : providers) {
            FunctionCounter.builder("kryten.llm.provider.failures", probes, p -> p.providerFailures(provider))
                    .tag("provider", provider).description("failed provider attempts (every retry counts)").register(registry);
            Gauge.builder("kryten.llm.provider.circuit.open", probes, p -> "open".equals(p.circuits().get(provider)) ? 1 : 0)
                    .tag("provider", provider).description("1 while the provider's circuit breaker skips it").register(registry);
        }
        waiting = MultiGauge.builder("kryten.llm.turns.waiting").description("turns admitted and waiting for a slot")
                .register(registry);
        inFlight = MultiGauge.builder("kryten.llm.turns.in.flight").description("turns started and not finished")
                .register(registry);
    }

    @Override
    public void onOutcome(LineOutcome line) {
        Outcome outcome = line.outcome();
        lines.computeIfAbsent(line.channel(), channel -> Counter.builder("kryten.llm.lines").tag("channel", channel)
                .description("chat lines and media changes that reached their outcome").register(registry)).increment();
        String rule = outcome instanceof Outcome.Refused refused ? refused.rule() : NO_RULE;
        outcomes.computeIfAbsent(new OutcomeKey(line.channel(), outcome.kind(), rule), key -> Counter.builder("kryten.llm.outcomes")
                .tags("channel", key.channel(), "kind", key.kind(), "rule", key.rule())
                .description("how lines ended: ignored, not_triggered, refused (by rule), answered, failed, dropped")
                .register(registry)).increment();
        if (outcome instanceof Outcome.Answered answered && !answered.provider().startsWith("command:")) {
            ProviderMeters meters = answers.computeIfAbsent(answered.provider(), this::providerMeters);
            meters.latency().record(answered.latency());
            meters.tokensIn().increment(Math.max(0, answered.promptTokens()));
            meters.tokensOut().increment(Math.max(0, answered.completionTokens()));
        }
    }

    private ProviderMeters providerMeters(String provider) {
        return new ProviderMeters(
                Timer.builder("kryten.llm.answer.latency").tag("provider", provider)
                        .description("the model call's latency of answered lines").serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry),
                Counter.builder("kryten.llm.tokens").tags("provider", provider, "direction", "in")
                        .description("tokens of answered lines, as the provider reported them").register(registry),
                Counter.builder("kryten.llm.tokens").tags("provider", provider, "direction", "out")
                        .description("tokens of answered lines, as the provider reported them").register(registry));
    }

    @Override
    public void onPartSent(PartSent part) {
        parts.computeIfAbsent(part.channel(), channel -> Counter.builder("kryten.llm.parts.sent").tag("channel", channel)
                .description("chat lines the Robot acknowledged").register(registry)).increment();
    }

    /** Every meter in the Prometheus text format (0.0.4); queue depths are read now, for the channels open now. */
    public synchronized String scrape() {
        Map<String, QueueDepth> depths = probes.channels();
        waiting.register(depths.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("channel", e.getKey()), e.getValue().waiting())).toList(), true);
        inFlight.register(depths.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("channel", e.getKey()), e.getValue().inFlight())).toList(), true);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
