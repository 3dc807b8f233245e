package dev.kryten.llm.provider;

import dev.kryten.llm.api.Completion;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens and latency per provider and per channel, and each provider's tokens today (UTC) for the
 * optional {@code daily_token_budget}. Thread-safe; kept in memory since the start.
 */
public final class UsageLedger {
    /** Counters of one provider, or of one provider in one channel. */
    public static final class Usage {
        private long requests;
        private long failures;
        private long tokensIn;
        private long tokensOut;
        private long latencyMsTotal;
        private long latencyMsMax;

        synchronized void success(Completion c) {
            requests++;
            tokensIn += Math.max(0, c.usage().promptTokens());
            tokensOut += Math.max(0, c.usage().completionTokens());
            long ms = c.latency().toMillis();
            latencyMsTotal += ms;
            latencyMsMax = Math.max(latencyMsMax, ms);
        }

        synchronized void failure() {
            failures++;
        }

        synchronized long failures() {
            return failures;
        }

        /** A snapshot as plain values (for the command endpoint and logs). */
        public synchronized Map<String, Object> snapshot() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("failures", failures);
            m.put("tokens_in", tokensIn);
            m.put("tokens_out", tokensOut);
            m.put("latency_ms_avg", requests == 0 ? 0 : latencyMsTotal / requests);
            m.put("latency_ms_max", latencyMsMax);
            return m;
        }
    }

    private final Map<String, Usage> byProvider = new ConcurrentHashMap<>();
    private final Map<String, Usage> byProviderAndChannel = new ConcurrentHashMap<>();
    private final Map<String, long[]> tokensToday = new ConcurrentHashMap<>(); // provider → {epochDay, tokens}
    private final java.time.Clock clock;

    UsageLedger(java.time.Clock clock) {
        this.clock = clock;
    }

    void success(String provider, String channel, Completion completion) {
        byProvider.computeIfAbsent(provider, k -> new Usage()).success(completion);
        byProviderAndChannel.computeIfAbsent(provider + "/" + channel, k -> new Usage()).success(completion);
        long tokens = Math.max(0, completion.usage().promptTokens()) + Math.max(0, completion.usage().completionTokens());
        long today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toEpochDay();
        tokensToday.compute(provider, (k, v) -> v == null || v[0] != today ? new long[] {today, tokens} : new long[] {today, v[1] + tokens});
    }

    void failure(String provider, String channel) {
        byProvider.computeIfAbsent(provider, k -> new Usage()).failure();
        byProviderAndChannel.computeIfAbsent(provider + "/" + channel, k -> new Usage()).failure();
    }

    /** A provider's failed attempts since start (every retry counts), for metrics. */
    public long failures(String provider) {
        Usage usage = byProvider.get(provider);
        return usage == null ? 0 : usage.failures();
    }

    /** Tokens a provider used today (UTC). */
    public long tokensToday(String provider) {
        long[] v = tokensToday.get(provider);
        return v == null || v[0] != LocalDate.now(clock.withZone(ZoneOffset.UTC)).toEpochDay() ? 0 : v[1];
    }

    /** Per provider, and per "provider/channel". */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> providers = new LinkedHashMap<>();
        byProvider.forEach((k, v) -> {
            Map<String, Object> s = v.snapshot();
            s.put("tokens_today", tokensToday(k));
            providers.put(k, s);
        });
        Map<String, Object> channels = new LinkedHashMap<>();
        byProviderAndChannel.forEach((k, v) -> channels.put(k, v.snapshot()));
        out.put("providers", providers);
        out.put("by_channel", channels);
        return out;
    }
}
