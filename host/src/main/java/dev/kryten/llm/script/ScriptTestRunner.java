package dev.kryten.llm.script;

import dev.kryten.llm.config.ScriptLimits;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.state.ChatLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Runs the {@code *.test.js} files beside the triggers, without NATS or a model: each case feeds a
 * message (or a media change) and a channel to the trigger of the same name and compares its
 * matches with {@code expect}. This is {@code kryten-llm test-scripts}, and the build runs it over
 * the shipped scripts.
 *
 * <p>Every script call runs under the live lane's time budgets ({@link BudgetedCall}, {@link ScriptLimits}):
 * module evaluation under the warm-up budget, each trigger call under the budget its n-th call since
 * the load would get in a lane. A trigger that overruns fails its case with the file and the budget, and
 * the run goes on; it never hangs the command or the build.
 */
public final class ScriptTestRunner {
    /** The outcome: counts and one line per failure. */
    public record Result(int passed, int failed, List<String> failures) {
        public boolean ok() {
            return failed == 0 && passed > 0;
        }
    }

    private static final String[] FIELDS = {"name", "priority", "probability", "context", "text", "preferProvider",
            "cooldownSeconds", "maxPerHour"};
    /** The test file's own code (reading its cases and expectations) is only kept from hanging. */
    private static final long TEST_FILE_BUDGET_NANOS = ScriptLimits.WARM_UP_BUDGET_MS * 1_000_000;

    /** One case of a test file: its name and its object. */
    private record Case(String name, Value spec) {}

    /**
     * A case's inputs, read from the test file: a chat {@code message}, else a media change already
     * applied to {@code state}; or the {@code problem} that keeps the case from running.
     */
    private record Input(Value config, ChannelState state, JsChannelView view, JsMessage message, Value expect, String problem) {}

    private final ScriptEngine engine;
    private final ScriptCatalog catalog;
    private final Map<String, Object> config;
    private final ScriptLimits limits;
    private final String accountName;
    private final Personality personality;

    /**
     * @param limits      the time budgets, as the live lanes have them ({@code scripting} in the config)
     * @param accountName the bot's CyTube account ({@link Personas#accountName})
     */
    public ScriptTestRunner(ScriptEngine engine, ScriptCatalog catalog, Map<String, Object> config, ScriptLimits limits,
                            String accountName, Personality personality) {
        this.engine = engine;
        this.catalog = catalog;
        this.config = config;
        this.limits = limits;
        this.accountName = accountName;
        this.personality = personality;
    }

    public Result run(PrintStream out) {
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (Path testFile : catalog.triggerTestFiles()) {
            String testName = catalog.displayName(testFile);
            Path triggerFile = testFile.resolveSibling(testFile.getFileName().toString().replace(".test.js", ".js"));
            try (Context context = engine.newContext(catalog); BudgetedCall budget = new BudgetedCall(engine, context)) {
                List<Case> cases;
                Trigger trigger;
                try {
                    cases = budget.load(testName, () -> cases(context, testFile, testName));
                    if (!catalog.contains(triggerFile)) {
                        throw new ScriptException(testName, 0, 0, "no trigger " + catalog.displayName(triggerFile) + " beside it");
                    }
                    trigger = budget.load(catalog.displayName(triggerFile),
                            () -> Trigger.load(context, catalog, triggerFile, JsValues.frozen(context, config)));
                } catch (ScriptException | PolyglotException e) {
                    failures.add(testName + ": " + e.getMessage());
                    out.println("✗ " + testName + ": " + e.getMessage());
                    continue;
                }
                for (Case testCase : cases) {
                    String caseName = testName + " › " + testCase.name();
                    String problem;
                    try {
                        problem = runCase(context, budget, testName, triggerFile, trigger, testCase.spec());
                    } catch (ScriptException | PolyglotException e) {
                        problem = e.getMessage();
                    }
                    if (problem == null) {
                        passed++;
                        out.println("✓ " + caseName);
                    } else {
                        failures.add(caseName + ": " + problem);
                        out.println("✗ " + caseName + ": " + problem);
                    }
                }
            }
        }
        out.println(passed + " passed, " + failures.size() + " failed");
        return new Result(passed, failures.size(), failures);
    }

    /** Evaluates a test file and reads its cases. */
    private List<Case> cases(Context context, Path testFile, String testName) {
        Value cases = ScriptLibrary.eval(context, catalog, testFile).getMember("default");
        if (cases == null || !cases.hasArrayElements()) {
            throw new ScriptException(testName, 0, 0, "must `export default [ { name, message | media, expect }, ... ]`");
        }
        List<Case> out = new ArrayList<>();
        for (long i = 0; i < cases.getArraySize(); i++) {
            Value testCase = cases.getArrayElement(i);
            out.add(new Case(testCase.hasMember("name") ? testCase.getMember("name").toString() : "case " + i, testCase));
        }
        return out;
    }

    /** Runs one case as a lane would run the line: the trigger's load and call each under its budget. */
    private String runCase(Context context, BudgetedCall budget, String testName, Path triggerFile, Trigger trigger,
                           Value testCase) {
        Input in = budget.run(testName, TEST_FILE_BUDGET_NANOS, () -> input(context, trigger, testCase));
        if (in.problem() != null) {
            return in.problem();
        }
        List<TriggerMatch> found;
        if (in.message() != null) {
            JsMessage message = in.message();
            Trigger configured = budget.load(trigger.file, () -> Trigger.load(context, catalog, triggerFile, in.config()));
            found = budget.run(trigger.file, limits.triggerBudgetNanos(++trigger.calls), () -> {
                List<TriggerMatch> all = new ArrayList<>(LaneScripts.ruleMatches(configured, message, new ArrayList<>()));
                Value result = configured.onChat != null && configured.prefilter.passes(message)
                        ? configured.onChat.execute(message, in.view(), in.config()) : null;
                all.addAll(matches(configured, result, message.text));
                return all;
            });
        } else {
            found = budget.run(trigger.file, limits.triggerBudgetNanos(++trigger.calls), () -> matches(trigger,
                    trigger.onMedia.execute(JsChannelView.mediaChange(in.state(), System.currentTimeMillis()), in.view(), in.config()),
                    ""));
        }
        found.sort((a, b) -> Double.compare(b.priority(), a.priority()));
        return budget.run(testName, TEST_FILE_BUDGET_NANOS, () -> compare(in.expect(), found));
    }

    /** Reads a case's config, channel and message or media change (the test file's code). */
    private Input input(Context context, Trigger trigger, Value testCase) {
        Value caseConfig = JsValues.frozen(context, mergedConfig(testCase.getMember("config")));
        ChannelState state = channel(testCase.getMember("channel"));
        List<String> names = Personas.mentionNames(accountName, personality);
        JsChannelView view = new JsChannelView(state, JsChannelView.botView(accountName, personality, names), System.currentTimeMillis());
        Value message = testCase.getMember("message");
        Value media = testCase.getMember("media");
        Value expect = testCase.getMember("expect");
        if (message != null && !message.isNull()) {
            String text = message.getMember("text").asString();
            MentionMatcher mentionMatcher = new MentionMatcher(names);
            JsMessage jsMessage = new JsMessage(member(message, "user", "tester"), text, text.toLowerCase(java.util.Locale.ROOT),
                    System.currentTimeMillis(), message.hasMember("rank") ? message.getMember("rank").asDouble() : 1,
                    message.hasMember("action") && message.getMember("action").asBoolean(), mentionMatcher.mentions(text), mentionMatcher);
            return new Input(caseConfig, state, view, jsMessage, expect, null);
        } else if (media != null && !media.isNull()) {
            if (trigger.onMedia == null) {
                return new Input(caseConfig, state, view, null, expect, "the trigger has no onMedia export");
            }
            ObjectNode m = JsonNodeFactory.instance.objectNode()
                    .put("title", member(media, "title", "")).put("seconds", media.getMember("seconds").asInt())
                    .put("type", member(media, "type", "fi")).put("id", member(media, "id", member(media, "title", "")));
            state.apply("changemedia", m, System.currentTimeMillis());
            return new Input(caseConfig, state, view, null, expect, null);
        }
        return new Input(caseConfig, state, view, null, expect, "a case needs `message` or `media`");
    }

    private static List<TriggerMatch> matches(Trigger trigger, Value result, String text) {
        List<TriggerMatch> matches = new ArrayList<>();
        if (result != null && !result.isNull() && !(result.isBoolean() && !result.asBoolean())) {
            if (result.hasArrayElements()) {
                for (long i = 0; i < result.getArraySize(); i++) {
                    matches.add(LaneScripts.toMatch(trigger, result.getArrayElement(i), text));
                }
            } else {
                matches.add(LaneScripts.toMatch(trigger, result, text));
            }
        }
        return matches;
    }

    private static String compare(Value expect, List<TriggerMatch> matches) {
        if (expect == null || expect.isNull()) {
            return matches.isEmpty() ? null : "expected no match, got " + describe(matches);
        }
        List<Value> expected = new ArrayList<>();
        if (expect.hasArrayElements()) {
            for (long i = 0; i < expect.getArraySize(); i++) {
                expected.add(expect.getArrayElement(i));
            }
            if (expected.size() != matches.size()) {
                return "expected " + expected.size() + " match(es), got " + describe(matches);
            }
        } else {
            expected.add(expect);
            if (matches.isEmpty()) {
                return "expected a match, got none";
            }
        }
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> actual = fields(matches.get(i));
            for (String field : FIELDS) {
                Value want = expected.get(i).getMember(field);
                if (want == null) {
                    continue;
                }
                Object got = actual.get(field);
                boolean same = want.isNull() ? got == null
                        : want.isNumber() ? got instanceof Number n && n.doubleValue() == want.asDouble()
                        : want.isString() && want.asString().equals(got);
                if (!same) {
                    return "match " + i + ": expected " + field + " " + want + ", got " + (got instanceof String ? "\"" + got + "\"" : got);
                }
            }
        }
        return null;
    }

    private static Map<String, Object> fields(TriggerMatch m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", m.name());
        f.put("priority", m.priority());
        f.put("probability", m.probability());
        f.put("context", m.context());
        f.put("text", m.text());
        f.put("preferProvider", m.preferProvider());
        f.put("cooldownSeconds", m.cooldownSeconds());
        f.put("maxPerHour", m.maxPerHour());
        return f;
    }

    private static String describe(List<TriggerMatch> matches) {
        return matches.isEmpty() ? "none" : matches.stream().map(m -> m.name() + " (priority " + m.priority() + ")").toList().toString();
    }

    private Map<String, Object> mergedConfig(Value override) {
        Map<String, Object> merged = new LinkedHashMap<>(config);
        if (override != null && !override.isNull()) {
            for (String key : override.getMemberKeys()) {
                merged.put(key, toJava(override.getMember(key)));
            }
        }
        return merged;
    }

    private ChannelState channel(Value spec) {
        ChannelState state = new ChannelState("test", 100);
        if (spec == null || spec.isNull()) {
            return state;
        }
        Value users = spec.getMember("users");
        if (users != null && users.hasArrayElements()) {
            var list = JsonNodeFactory.instance.arrayNode();
            for (long i = 0; i < users.getArraySize(); i++) {
                Value u = users.getArrayElement(i);
                list.addObject().put("name", u.getMember("name").asString()).put("rank", u.getMember("rank").asDouble());
            }
            state.apply("userlist", list, System.currentTimeMillis());
        }
        Value recent = spec.getMember("recent");
        if (recent != null && recent.hasArrayElements()) {
            for (long i = 0; i < recent.getArraySize(); i++) {
                Value line = recent.getArrayElement(i);
                boolean fromBot = line.hasMember("fromBot") && line.getMember("fromBot").asBoolean();
                state.addChat(new ChatLine(line.getMember("user").asString(), line.getMember("text").asString(), 0, fromBot));
            }
        }
        Value media = spec.getMember("media");
        if (media != null && !media.isNull()) {
            state.apply("changemedia", JsonNodeFactory.instance.objectNode().put("title", member(media, "title", ""))
                    .put("seconds", media.getMember("seconds").asInt()).put("type", member(media, "type", "fi"))
                    .put("id", member(media, "id", "")), System.currentTimeMillis());
        }
        return state;
    }

    private static String member(Value v, String key, String fallback) {
        Value m = v.getMember(key);
        return m == null || m.isNull() ? fallback : m.asString();
    }

    /** Copies a JS value into plain Java (maps, lists, strings, numbers, booleans) so the case's config outlives nothing. */
    private static Object toJava(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.fitsInLong() ? (Object) v.asLong() : (Object) v.asDouble();
        }
        if (v.hasArrayElements()) {
            List<Object> list = new ArrayList<>();
            for (long i = 0; i < v.getArraySize(); i++) {
                list.add(toJava(v.getArrayElement(i)));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : v.getMemberKeys()) {
            map.put(key, toJava(v.getMember(key)));
        }
        return map;
    }
}
