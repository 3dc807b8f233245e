package dev.kryten.llm.provider;

import java.time.Duration;

/**
 * One provider's circuit: closed while it works; open (skipped) for a cool-down after
 * {@code failures} failures in a row; then half-open: one request probes it, success closes the
 * circuit, failure opens it again for twice as long (at most 10 minutes). Thread-safe.
 */
final class CircuitBreaker {
    private static final long MAX_COOLDOWN_MS = 600_000;

    private final int failureThreshold;
    private final long baseCooldownMs;
    private int consecutiveFailures;
    private long openUntilMs;
    private long cooldownMs;
    private boolean probing;

    CircuitBreaker(int failureThreshold, Duration cooldown) {
        this.failureThreshold = failureThreshold;
        this.baseCooldownMs = cooldown.toMillis();
        this.cooldownMs = baseCooldownMs;
    }

    /** Whether a request may go to the provider now; in half-open state only one probe at a time. */
    synchronized boolean allow(long nowMs) {
        if (consecutiveFailures < failureThreshold) {
            return true;
        }
        if (nowMs < openUntilMs || probing) {
            return false;
        }
        probing = true;
        return true;
    }

    synchronized void success() {
        consecutiveFailures = 0;
        cooldownMs = baseCooldownMs;
        probing = false;
    }

    /** Records a failure; returns true when this failure opened (or re-opened) the circuit. */
    synchronized boolean failure(long nowMs) {
        consecutiveFailures++;
        if (probing) {
            probing = false;
            cooldownMs = Math.min(cooldownMs * 2, MAX_COOLDOWN_MS);
            openUntilMs = nowMs + cooldownMs;
            return true;
        }
        if (consecutiveFailures == failureThreshold) {
            openUntilMs = nowMs + cooldownMs;
            return true;
        }
        return false;
    }

    synchronized long openUntil() {
        return openUntilMs;
    }

    synchronized String state(long nowMs) {
        if (consecutiveFailures < failureThreshold) {
            return "closed";
        }
        return nowMs < openUntilMs ? "open" : "half-open";
    }
}
