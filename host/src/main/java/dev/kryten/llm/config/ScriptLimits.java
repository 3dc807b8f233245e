package dev.kryten.llm.config;

import java.time.Duration;

/**
 * The {@code scripting} config section: how much a script call may cost.
 *
 * @param triggerBudget [{@code trigger_time_budget_ms}] one trigger call once warm, default 25 ms
 * @param promptBudget  [{@code prompt_time_budget_ms}] one prompt build once warm, default 100 ms
 * <p>Cold code is slower: the n-th call after a (re)load may take up to {@link #WARM_UP_BUDGET_MS}/n
 * when that is more than the budget (2 s for the first call, 20 ms from the 100th). Measured in the
 * interpreter: a trigger's first call took 250 ms and calls 3–9 up to 70 ms while GraalJS compiled
 * its regular expressions; warm calls took 0.2 ms (docs/performance.md).
 * @param maxFailures   [{@code max_consecutive_failures}] failures in a row after which a trigger is disabled until its file changes, default 5
 */
public record ScriptLimits(Duration triggerBudget, Duration promptBudget, int maxFailures) {
    public static final int DEFAULT_TRIGGER_BUDGET_MS = 25;
    public static final int DEFAULT_PROMPT_BUDGET_MS = 100;
    public static final int DEFAULT_MAX_FAILURES = 5;
    /** The first call's budget after a (re)load; the n-th call gets this divided by n (never less than the budget). */
    public static final long WARM_UP_BUDGET_MS = 2_000;

    /** @param call 1 for the first call after a load */
    public long triggerBudgetNanos(long call) {
        return Math.max(triggerBudget.toNanos(), WARM_UP_BUDGET_MS * 1_000_000 / Math.max(1, call));
    }

    /** @param call 1 for the first call after a load */
    public long promptBudgetNanos(long call) {
        return Math.max(promptBudget.toNanos(), WARM_UP_BUDGET_MS * 1_000_000 / Math.max(1, call));
    }

    public static ScriptLimits defaults() {
        return new ScriptLimits(Duration.ofMillis(DEFAULT_TRIGGER_BUDGET_MS), Duration.ofMillis(DEFAULT_PROMPT_BUDGET_MS),
                DEFAULT_MAX_FAILURES);
    }
}
