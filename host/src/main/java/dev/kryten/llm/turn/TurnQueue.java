package dev.kryten.llm.turn;

import dev.kryten.llm.config.TurnLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One channel's admission: at most {@code max_in_flight} turns running and a small bounded queue
 * of turns not yet started. The policy, in order:
 * <ol>
 *   <li>a user's newer line replaces their older waiting turn (the old one is dropped), unless the
 *       waiting one has a higher priority (a mention is not pushed out by small talk): then the new
 *       line is refused as {@code busy};</li>
 *   <li>when the queue is full, the waiting turn with the lowest priority, the oldest among equals,
 *       gives way; if the new turn is that one, it is refused as {@code busy};</li>
 *   <li>a waiting turn older than {@code max_wait_seconds} is dropped instead of started.</li>
 * </ol>
 * Owned by its lane's thread: not thread-safe, no locks.
 */
public final class TurnQueue {
    /** A turn that lost its place, with the outcome it ends in. */
    public record Evicted(PendingTurn turn, Outcome outcome) {}

    private final TurnLimits limits;
    private final ArrayDeque<PendingTurn> waiting = new ArrayDeque<>();
    private int inFlight;

    public TurnQueue(TurnLimits limits) {
        this.limits = limits;
    }

    /** Admits a turn; returns the turns that lost their place (possibly the new one itself), never null. */
    public List<Evicted> offer(PendingTurn turn) {
        List<Evicted> out = new ArrayList<>(1);
        if (turn.user() != null) {
            for (PendingTurn older : waiting) {
                if (older.user() != null && turn.user().equalsIgnoreCase(older.user()) && older.priority() > turn.priority()) {
                    out.add(new Evicted(turn, new Outcome.Refused("busy", "a higher-priority line of the same user ["
                            + older.id() + "] is already waiting")));
                    return out;
                }
            }
            for (Iterator<PendingTurn> it = waiting.iterator(); it.hasNext(); ) {
                PendingTurn older = it.next();
                if (older.user() != null && turn.user().equalsIgnoreCase(older.user())) {
                    it.remove();
                    out.add(new Evicted(older, new Outcome.Dropped("replaced by a newer line from the same user ["
                            + turn.id() + "] before it started")));
                }
            }
        }
        boolean roomNow = waiting.isEmpty() && inFlight < limits.maxInFlight();
        if (waiting.size() < limits.queueSize() || roomNow) {
            waiting.addLast(turn);
            return out;
        }
        PendingTurn victim = null; // the lowest priority; the oldest among equals (the queue is in age order)
        for (PendingTurn queued : waiting) {
            if (victim == null || queued.priority() < victim.priority()) {
                victim = queued;
            }
        }
        if (victim == null || turn.priority() < victim.priority()) {
            victim = turn;
        }
        if (victim == turn) {
            out.add(new Evicted(turn, new Outcome.Refused("busy", "channel busy: " + inFlight + " turn(s) running and "
                    + waiting.size() + " waiting (turns.max_in_flight " + limits.maxInFlight() + ", turns.queue_size "
                    + limits.queueSize() + ")")));
            return out;
        }
        waiting.remove(victim);
        out.add(new Evicted(victim, new Outcome.Dropped("queue full: made room for [" + turn.id() + "], a newer line of "
                + "equal or higher priority")));
        waiting.addLast(turn);
        return out;
    }

    /**
     * The next turn to start, or null when none may start now (all slots busy, or nothing waits).
     * Turns that waited too long are moved to {@code stale} on the way.
     */
    public PendingTurn next(long nowMs, List<Evicted> stale) {
        dropStale(nowMs, stale);
        if (inFlight >= limits.maxInFlight()) {
            return null;
        }
        return waiting.pollFirst();
    }

    /** Moves turns that waited longer than the limit to {@code stale}. */
    public void dropStale(long nowMs, List<Evicted> stale) {
        long maxWaitMs = limits.maxWait().toMillis();
        for (Iterator<PendingTurn> it = waiting.iterator(); it.hasNext(); ) {
            PendingTurn turn = it.next();
            if (nowMs - turn.admittedAtMs() > maxWaitMs) {
                it.remove();
                stale.add(new Evicted(turn, new Outcome.Dropped("stale: waited " + (nowMs - turn.admittedAtMs())
                        + " ms for a free slot (turns.max_wait_seconds " + limits.maxWait().toSeconds() + ")")));
            }
        }
    }

    /** Empties the queue (shutdown); every turn still waiting is returned with a dropped outcome. */
    public List<Evicted> drain(String reason) {
        List<Evicted> out = new ArrayList<>(waiting.size());
        PendingTurn turn;
        while ((turn = waiting.pollFirst()) != null) {
            out.add(new Evicted(turn, new Outcome.Dropped(reason)));
        }
        return out;
    }

    public void started() {
        inFlight++;
    }

    public void finished() {
        if (inFlight > 0) {
            inFlight--;
        }
    }

    /** Turns running plus turns waiting, at most: what a fixed (command) reply may also occupy. */
    public int capacity() {
        return limits.maxInFlight() + limits.queueSize();
    }

    public int inFlight() {
        return inFlight;
    }

    public int waiting() {
        return waiting.size();
    }
}
