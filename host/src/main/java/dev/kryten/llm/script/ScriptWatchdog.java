package dev.kryten.llm.script;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;

/**
 * Enforces each script call's time budget: one daemon thread looks at every running call about
 * every half millisecond and interrupts the context of one that is past its deadline. The lane
 * side costs two volatile writes per call and no allocation.
 */
final class ScriptWatchdog {
    /** The clock of one lane's context; only that lane starts and stops calls on it. */
    static final class CallClock {
        private final Context context;
        /** System.nanoTime() deadline of the running call; 0 when no call runs. */
        private final java.util.concurrent.atomic.AtomicLong deadline = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean interrupted;

        CallClock(Context context) {
            this.context = context;
        }

        void start(long budgetNanos) {
            interrupted = false;
            deadline.set(System.nanoTime() + budgetNanos);
        }

        /** Ends the call; true when the watchdog interrupted it. */
        boolean stop() {
            deadline.set(0);
            return interrupted;
        }
    }

    private final CopyOnWriteArrayList<CallClock> clocks = new CopyOnWriteArrayList<>();

    ScriptWatchdog() {
        Thread.ofPlatform().name("script-watchdog").daemon().start(this::watch);
    }

    CallClock register(Context context) {
        CallClock clock = new CallClock(context);
        clocks.add(clock);
        return clock;
    }

    void unregister(CallClock clock) {
        clocks.remove(clock);
    }

    private void watch() {
        while (true) {
            LockSupport.parkNanos(500_000);
            long now = System.nanoTime();
            for (CallClock clock : clocks) {
                long deadline = clock.deadline.get();
                // compare-and-set: only the call whose deadline was seen is interrupted, not the next one
                if (deadline != 0 && now - deadline > 0 && clock.deadline.compareAndSet(deadline, 0)) {
                    clock.interrupted = true;
                    try {
                        clock.context.interrupt(Duration.ofSeconds(2));
                    } catch (Exception e) {
                        // the call ended or the context closed meanwhile; nothing to stop
                    }
                }
            }
        }
    }
}
