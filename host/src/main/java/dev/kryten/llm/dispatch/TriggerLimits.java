package dev.kryten.llm.dispatch;

import dev.kryten.llm.script.TriggerMatch;
import dev.kryten.llm.turn.Outcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-trigger limits a match may carry (kryten-llm's {@code cooldown_seconds} and
 * {@code max_responses_per_hour}), kept per match name. A line is checked when it arrives (nothing
 * charged), and a slot is reserved when its turn starts, not after the model answered, so
 * overlapping turns cannot slip past and a turn that never starts costs nothing. One per lane.
 */
final class TriggerLimits {
    private static final long HOUR_MS = 3_600_000L;

    private final Map<String, Deque<Long>> fired = new HashMap<>();

    /** Why the match may not fire now, or null when it may. */
    Outcome.Refused refusal(TriggerMatch match, long nowMs) {
        Deque<Long> times = fired.get(match.limitKey());
        if (times == null || times.isEmpty()) {
            return null;
        }
        while (!times.isEmpty() && nowMs - times.peekFirst() >= HOUR_MS) {
            times.removeFirst();
        }
        if (match.cooldownSeconds() > 0 && !times.isEmpty() && nowMs - times.peekLast() < match.cooldownSeconds() * 1000) {
            return new Outcome.Refused("cooldown", "trigger '" + match.name() + "' cooldown active ("
                    + match.cooldownSeconds() + " s)");
        }
        if (match.maxPerHour() > 0 && times.size() >= match.maxPerHour()) {
            return new Outcome.Refused("per_hour", "trigger '" + match.name() + "' per-hour limit reached ("
                    + match.maxPerHour() + ")");
        }
        return null;
    }

    void record(TriggerMatch match, long nowMs) {
        if (match.cooldownSeconds() > 0 || match.maxPerHour() > 0) {
            fired.computeIfAbsent(match.limitKey(), k -> new ArrayDeque<>()).addLast(nowMs);
        }
    }
}
