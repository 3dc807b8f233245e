package dev.kryten.llm.dispatch;

import dev.kryten.llm.script.TriggerMatch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-trigger limits a match may carry (kryten-llm's {@code cooldown_seconds} and
 * {@code max_responses_per_hour}), kept per match name. A slot is reserved when the turn is
 * admitted, not after the model answered, so overlapping turns cannot slip past. One per lane.
 */
final class TriggerLimits {
    private static final long HOUR_MS = 3_600_000L;

    private final Map<String, Deque<Long>> fired = new HashMap<>();

    /** Why the match may not fire now, or null when it may. */
    String refusal(TriggerMatch match, long nowMs) {
        Deque<Long> times = fired.get(match.limitKey());
        if (times == null || times.isEmpty()) {
            return null;
        }
        while (!times.isEmpty() && nowMs - times.peekFirst() >= HOUR_MS) {
            times.removeFirst();
        }
        if (match.cooldownSeconds() > 0 && !times.isEmpty() && nowMs - times.peekLast() < match.cooldownSeconds() * 1000) {
            return "trigger '" + match.name() + "' cooldown active";
        }
        if (match.maxPerHour() > 0 && times.size() >= match.maxPerHour()) {
            return "trigger '" + match.name() + "' per-hour limit reached";
        }
        return null;
    }

    void record(TriggerMatch match, long nowMs) {
        if (match.cooldownSeconds() > 0 || match.maxPerHour() > 0) {
            fired.computeIfAbsent(match.limitKey(), k -> new ArrayDeque<>()).addLast(nowMs);
        }
    }
}
