package dev.kryten.llm.support;

import dev.kryten.llm.turn.LineOutcome;
import dev.kryten.llm.turn.PartSent;
import dev.kryten.llm.turn.TurnListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A turn listener that keeps every outcome and sent part, and lets a test wait for them with a deadline. */
public final class OutcomeRecorder implements TurnListener {
    private final List<LineOutcome> outcomes = new ArrayList<>();
    private final List<PartSent> parts = new ArrayList<>();

    @Override
    public synchronized void onOutcome(LineOutcome outcome) {
        outcomes.add(outcome);
        notifyAll();
    }

    @Override
    public synchronized void onPartSent(PartSent part) {
        parts.add(part);
        notifyAll();
    }

    public synchronized List<LineOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public synchronized List<PartSent> parts() {
        return List.copyOf(parts);
    }

    /** Waits until at least {@code count} outcomes match; returns the matching ones; fails with what it saw at the deadline. */
    public synchronized List<LineOutcome> awaitCount(Predicate<LineOutcome> which, int count, long timeoutMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            List<LineOutcome> matching = new ArrayList<>();
            for (LineOutcome o : outcomes) {
                if (which.test(o)) {
                    matching.add(o);
                }
            }
            if (matching.size() >= count) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " outcomes, got " + matching.size() + ": " + tail(matching));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for the first outcome that matches. */
    public LineOutcome await(Predicate<LineOutcome> which, long timeoutMs) throws InterruptedException {
        return awaitCount(which, 1, timeoutMs).getFirst();
    }

    private static List<LineOutcome> tail(List<LineOutcome> list) {
        return list.subList(Math.max(0, list.size() - 5), list.size());
    }
}
