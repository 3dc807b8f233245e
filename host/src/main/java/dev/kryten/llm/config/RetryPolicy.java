package dev.kryten.llm.config;

import java.time.Duration;

/**
 * The {@code retry_strategy} section: how the provider chain retries and when it gives up.
 *
 * @param initialDelay     [{@code initial_delay}] wait before the first retry, default 1 s
 * @param multiplier       [{@code multiplier}] each further wait is this many times longer, default 2
 * @param maxDelay         [{@code max_delay}] longest single wait, default 30 s
 * @param rateLimitDelay   [{@code rate_limit_delay}] wait after a 429 without {@code Retry-After}, default 60 s
 * @param chainDeadline    [{@code max_total_seconds}] one deadline for the whole chain of one turn, default 60 s:
 *                         a wait that would pass it moves on to the next provider instead
 * @param breakerFailures  [{@code breaker_failures}] failures in a row that open a provider's circuit, default 5
 * @param breakerCooldown  [{@code breaker_cooldown_seconds}] how long an open circuit skips the provider before one probe, default 30 s
 */
public record RetryPolicy(Duration initialDelay, double multiplier, Duration maxDelay, Duration rateLimitDelay,
                          Duration chainDeadline, int breakerFailures, Duration breakerCooldown) {

    public static final double DEFAULT_INITIAL_DELAY_SECONDS = 1.0;
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_MAX_DELAY_SECONDS = 30;
    public static final double DEFAULT_RATE_LIMIT_DELAY_SECONDS = 60;
    public static final double DEFAULT_MAX_TOTAL_SECONDS = 60;
    public static final int DEFAULT_BREAKER_FAILURES = 5;
    public static final double DEFAULT_BREAKER_COOLDOWN_SECONDS = 30;
    /** kryten-llm's default for a provider's {@code max_retries} (read per provider, kept in its options). */
    public static final int DEFAULT_MAX_RETRIES = 3;

    public static RetryPolicy defaults() {
        return new RetryPolicy(seconds(DEFAULT_INITIAL_DELAY_SECONDS), DEFAULT_MULTIPLIER, seconds(DEFAULT_MAX_DELAY_SECONDS),
                seconds(DEFAULT_RATE_LIMIT_DELAY_SECONDS), seconds(DEFAULT_MAX_TOTAL_SECONDS), DEFAULT_BREAKER_FAILURES,
                seconds(DEFAULT_BREAKER_COOLDOWN_SECONDS));
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** The wait before retry number {@code retry} (1 = first retry). */
    public Duration backoff(int retry) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
    }
}
