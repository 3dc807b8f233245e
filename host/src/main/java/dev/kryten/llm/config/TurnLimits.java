package dev.kryten.llm.config;

import java.time.Duration;

/**
 * The {@code turns} section: how much answering one channel may have going at once. Admission
 * happens before a prompt is built or a trigger's cooldown is charged, so load is shed where it
 * is cheap, per channel, and every refusal is an outcome (see docs/architecture.md).
 *
 * @param maxInFlight [{@code max_in_flight}] turns of one channel between "prompt built" and "reply
 *                    acknowledged by the Robot", default 2
 * @param queueSize   [{@code queue_size}] admitted turns of one channel waiting for a free slot, default 4;
 *                    a user's newer line replaces their older waiting one, and when the queue is full the
 *                    lowest-priority, oldest turn gives way (the new line itself, if it is that one)
 * @param maxWait     [{@code max_wait_seconds}] a waiting turn older than this is dropped instead of started, default 30 s
 */
public record TurnLimits(int maxInFlight, int queueSize, Duration maxWait) {
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;
    public static final int DEFAULT_QUEUE_SIZE = 4;
    public static final int DEFAULT_MAX_WAIT_SECONDS = 30;

    public TurnLimits {
        if (maxInFlight < 1) {
            throw new ConfigException("turns.max_in_flight", "must be at least 1, was " + maxInFlight);
        }
        if (queueSize < 0) {
            throw new ConfigException("turns.queue_size", "must not be negative, was " + queueSize);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new ConfigException("turns.max_wait_seconds", "must be more than 0");
        }
    }

    public static TurnLimits defaults() {
        return new TurnLimits(DEFAULT_MAX_IN_FLIGHT, DEFAULT_QUEUE_SIZE, Duration.ofSeconds(DEFAULT_MAX_WAIT_SECONDS));
    }
}
