package dev.kryten.llm.script;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.Context;

/**
 * Enforces each script call's time budget: one daemon thread looks at every running call about
 * every half millisecond and interrupts the context of one that is past its budget. The budget is
 * counted in the calling thread's CPU time where the JVM can measure it (platform threads), so a
 * busy machine that starves the lane does not make a good script look slow: only work the script
 * itself does counts. A wall-clock backstop (twenty budgets, at least 30 s) still stops a call that
 * waits without working; virtual threads, whose CPU time the JVM does not report, use wall time.
 * The lane side costs a few volatile writes and one CPU-clock read per call, and no allocation.
 */
final class ScriptWatchdog {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeSupported();
    private static final long MIN_BACKSTOP_NANOS = Duration.ofSeconds(30).toNanos();

    /** The clock of one lane's context; only that lane starts and stops calls on it. */
    static final class CallClock {
        private final Context context;
        /** System.nanoTime() wall deadline of the running call; 0 when no call runs. */
        private final java.util.concurrent.atomic.AtomicLong deadline = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean interrupted;
        /** The calling thread's id and CPU time at the start, and the CPU budget; budget 0 means wall time. */
        private volatile long threadId;
        private volatile long cpuStart;
        private volatile long cpuBudget;

        CallClock(Context context) {
            this.context = context;
        }

        void start(long budgetNanos) {
            interrupted = false;
            long cpu = CPU_TIME && !Thread.currentThread().isVirtual() ? THREADS.getCurrentThreadCpuTime() : -1;
            if (cpu >= 0) {
                threadId = Thread.currentThread().threadId();
                cpuStart = cpu;
                cpuBudget = budgetNanos;
                deadline.set(System.nanoTime() + Math.max(budgetNanos * 20, MIN_BACKSTOP_NANOS));
            } else {
                cpuBudget = 0;
                deadline.set(System.nanoTime() + budgetNanos);
            }
        }

        /** Ends the call; true when the watchdog interrupted it. */
        boolean stop() {
            deadline.set(0);
            return interrupted;
        }

        /** Whether the call that has this deadline is past its budget now. */
        private boolean overdue(long seenDeadline, long now) {
            if (now - seenDeadline > 0) {
                return true;
            }
            long budget = cpuBudget;
            if (budget <= 0) {
                return false;
            }
            long used = THREADS.getThreadCpuTime(threadId);
            return used >= 0 && used - cpuStart > budget;
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
                if (deadline != 0 && clock.overdue(deadline, now) && clock.deadline.compareAndSet(deadline, 0)) {
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
