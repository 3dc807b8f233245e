package dev.kryten.llm.script;

import dev.kryten.llm.config.ScriptLimits;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

/**
 * The script calls of one context under time budgets: the engine's {@link ScriptWatchdog} interrupts
 * a call past its deadline, and the call then fails with a {@link ScriptException} that names the
 * file and the budget. The live lanes ({@link LaneScripts}) and {@code test-scripts}
 * ({@link ScriptTestRunner}) both go through it, so a script is held to the same limits in both.
 * Used from one thread at a time; {@link #close()} before the context closes.
 */
final class BudgetedCall implements AutoCloseable {
    private static final long LOAD_BUDGET_NANOS = ScriptLimits.WARM_UP_BUDGET_MS * 1_000_000;

    private final ScriptWatchdog watchdog;
    private final ScriptWatchdog.CallClock clock;

    BudgetedCall(ScriptEngine engine, Context context) {
        this.watchdog = engine.watchdog();
        this.clock = watchdog.register(context);
    }

    /** Starts a call that may run {@code budgetNanos}; the caller must {@link #stop()} it. */
    void start(long budgetNanos) {
        clock.start(budgetNanos);
    }

    /** Ends the call; true when the watchdog interrupted it. */
    boolean stop() {
        return clock.stop();
    }

    /** The failure of a call of {@code file} that the watchdog interrupted. */
    static ScriptException overran(String file, long budgetNanos) {
        return new ScriptException(file, 0, 0, "exceeded its time budget of " + budgetNanos / 1_000_000
                + " ms and was interrupted");
    }

    /**
     * Runs script code of {@code file} under {@code budgetNanos}.
     *
     * @throws ScriptException {@link #overran} when the watchdog interrupted it; any other failure is rethrown as it is
     */
    <T> T run(String file, long budgetNanos, Supplier<T> body) {
        return timed(budgetNanos, body, () -> overran(file, budgetNanos));
    }

    /**
     * Evaluates a module of {@code file} (top-level code, {@code rules(config)}, {@code prefilter(config)})
     * under the warm-up budget, {@link ScriptLimits#WARM_UP_BUDGET_MS}.
     *
     * @throws ScriptException "took longer than … ms to load" when the watchdog interrupted it; any other failure as it is
     */
    <T> T load(String file, Supplier<T> body) {
        return timed(LOAD_BUDGET_NANOS, body, () -> new ScriptException(file, 0, 0,
                "took longer than " + ScriptLimits.WARM_UP_BUDGET_MS + " ms to load (interrupted)"));
    }

    private <T> T timed(long budgetNanos, Supplier<T> body, Supplier<ScriptException> overran) {
        clock.start(budgetNanos);
        try {
            return body.get();
        } catch (PolyglotException e) {
            if (clock.stop() || e.isInterrupted()) {
                throw overran.get();
            }
            throw e;
        } catch (RuntimeException e) {
            // an interrupt the script code's caller already wrapped (Trigger.load, JsReader)
            if (clock.stop()) {
                throw overran.get();
            }
            throw e;
        } finally {
            clock.stop();
        }
    }

    @Override
    public void close() {
        watchdog.unregister(clock);
    }
}
