package dev.kryten.llm.script;

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

    private final ScriptEngine engine;
    private final ScriptCatalog catalog;
    private final Map<String, Object> config;
    private final String accountName;
    private final Personality personality;

    public ScriptTestRunner(ScriptEngine engine, ScriptCatalog catalog, Map<String, Object> config, String accountName,
                            Personality personality) {
        this.engine = engine;
        this.catalog = catalog;
        this.config = config;
        this.accountName = accountName;
        this.personality = personality;
    }

    public Result run(PrintStream out) {
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (Path testFile : catalog.triggerTestFiles()) {
            String testName = catalog.displayName(testFile);
            Path triggerFile = testFile.resolveSibling(testFile.getFileName().toString().replace(".test.js", ".js"));
            try (Context context = engine.newContext(catalog)) {
                Value cases;
                Trigger trigger;
                try {
                    cases = ScriptLibrary.eval(context, catalog, testFile).getMember("default");
                    if (cases == null || !cases.hasArrayElements()) {
                        throw new ScriptException(testName, 0, 0, "must `export default [ { name, message | media, expect }, ... ]`");
                    }
                    if (!catalog.contains(triggerFile)) {
                        throw new ScriptException(testName, 0, 0, "no trigger " + catalog.displayName(triggerFile) + " beside it");
                    }
                    trigger = Trigger.load(context, catalog, triggerFile, JsValues.frozen(context, config));
                } catch (ScriptException | PolyglotException e) {
                    failures.add(testName + ": " + e.getMessage());
                    out.println("✗ " + testName + ": " + e.getMessage());
                    continue;
                }
                for (long i = 0; i < cases.getArraySize(); i++) {
                    Value testCase = cases.getArrayElement(i);
                    String caseName = testName + " › " + (testCase.hasMember("name") ? testCase.getMember("name").toString() : "case " + i);
                    String problem;
                    try {
                        problem = runCase(context, trigger, testCase);
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

    private String runCase(Context context, Trigger trigger, Value testCase) {
        Value caseConfig = JsValues.frozen(context, mergedConfig(testCase.getMember("config")));
        ChannelState state = channel(testCase.getMember("channel"));
        List<String> names = new ArrayList<>(List.of(accountName.toLowerCase(java.util.Locale.ROOT)));
        personality.mentionNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
        JsChannelView view = new JsChannelView(state, JsChannelView.botView(accountName, personality, names), System.currentTimeMillis());
        Value result;
        Value message = testCase.getMember("message");
        Value media = testCase.getMember("media");
        if (message != null && !message.isNull()) {
            String text = message.getMember("text").asString();
            MentionMatcher mentionMatcher = new MentionMatcher(names);
            JsMessage jsMessage = new JsMessage(member(message, "user", "tester"), text, text.toLowerCase(java.util.Locale.ROOT),
                    System.currentTimeMillis(), message.hasMember("rank") ? message.getMember("rank").asDouble() : 1,
                    message.hasMember("action") && message.getMember("action").asBoolean(), mentionMatcher.mentions(text), mentionMatcher);
            Trigger configured = Trigger.load(context, catalog, catalog.triggerFiles().stream()
                    .filter(p -> ScriptCatalog.id(p).equals(trigger.id)).findFirst().orElseThrow(), caseConfig);
            List<TriggerMatch> ruled = LaneScripts.ruleMatches(configured, jsMessage, new ArrayList<>());
            result = configured.onChat != null && configured.prefilter.passes(jsMessage)
                    ? configured.onChat.execute(jsMessage, view, caseConfig) : null;
            List<TriggerMatch> all = new ArrayList<>(ruled);
            all.addAll(matches(configured, result, text));
            all.sort((x, y) -> Double.compare(y.priority(), x.priority()));
            return compare(testCase.getMember("expect"), all);
        } else if (media != null && !media.isNull()) {
            if (trigger.onMedia == null) {
                return "the trigger has no onMedia export";
            }
            ObjectNode m = JsonNodeFactory.instance.objectNode()
                    .put("title", member(media, "title", "")).put("seconds", media.getMember("seconds").asInt())
                    .put("type", member(media, "type", "fi")).put("id", member(media, "id", member(media, "title", "")));
            state.apply("changemedia", m, System.currentTimeMillis());
            result = trigger.onMedia.execute(JsChannelView.mediaChange(state, System.currentTimeMillis()), view, caseConfig);
        } else {
            return "a case needs `message` or `media`";
        }
        List<TriggerMatch> found = matches(trigger, result, "");
        found.sort((a, b) -> Double.compare(b.priority(), a.priority()));
        return compare(testCase.getMember("expect"), found);
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
