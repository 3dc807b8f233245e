package dev.kryten.llm.script;

import java.time.Duration;

/**
 * The {@code scripting} config section: how much a script call may cost.
 *
 * @param triggerBudget [{@code trigger_time_budget_ms}] one trigger call, default 10 ms (the first call after a load may take up to
 *                      {@link #FIRST_CALL_BUDGET_MS}: cold code is interpreted and compiles its regular expressions)
 * @param promptBudget  [{@code prompt_time_budget_ms}] one prompt build, default 100 ms
 * @param maxFailures   [{@code max_consecutive_failures}] failures in a row after which a trigger is disabled until its file changes, default 5
 */
public record ScriptLimits(Duration triggerBudget, Duration promptBudget, int maxFailures) {
    public static final int DEFAULT_TRIGGER_BUDGET_MS = 10;
    public static final int DEFAULT_PROMPT_BUDGET_MS = 100;
    public static final int DEFAULT_MAX_FAILURES = 5;
    /** Budget of a trigger's first call after a (re)load: cold code parses lazily and compiles its regular expressions. */
    static final long FIRST_CALL_BUDGET_MS = 2_000;

    long triggerBudgetNanos(boolean warm) {
        return warm ? triggerBudget.toNanos() : Math.max(triggerBudget.toNanos(), FIRST_CALL_BUDGET_MS * 1_000_000);
    }

    public static ScriptLimits defaults() {
        return new ScriptLimits(Duration.ofMillis(DEFAULT_TRIGGER_BUDGET_MS), Duration.ofMillis(DEFAULT_PROMPT_BUDGET_MS),
                DEFAULT_MAX_FAILURES);
    }
}
