package dev.kryten.llm.script;

import dev.kryten.llm.config.ScriptLimits;
import dev.kryten.llm.api.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's scripts, evaluated from one {@link ScriptCatalog} version in the lane's own context
 * (a JS context is single-threaded): the triggers, the prompt builder (the personality's own
 * {@code prompt} export when it has one) and the personality as scripts see it. Called only from
 * the lane's thread. Every call runs under a time budget; a trigger that throws or overruns is
 * logged with its file, counted, and after too many failures in a row disabled until its file changes.
 */
public final class LaneScripts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LaneScripts.class);

    /** Most matches one trigger call may return. */
    static final int MAX_MATCHES = 32;
    /** Most messages a prompt builder may return. */
    static final int MAX_PROMPT_MESSAGES = 200;

    private final ScriptEngine engine;
    private final ScriptCatalog catalog;
    private final Personality personality;
    private final ScriptLimits limits;
    private final Context context;
    private final BudgetedCall clock;
    private final Value config;
    private final List<Trigger> triggers = new ArrayList<>();
    private final Value promptBuilder;
    private final String promptFile;
    private final Value personalityView;
    private long promptCalls;

    /**
     * Evaluates the catalog's triggers, the prompt and the personality's module in a new context.
     *
     * @throws ScriptException when the prompt cannot be loaded (no turn could be answered)
     */
    public LaneScripts(ScriptEngine engine, ScriptCatalog catalog, Personality personality, Map<String, Object> config,
                       ScriptLimits limits) {
        this.engine = engine;
        this.catalog = catalog;
        this.personality = personality;
        this.limits = limits;
        this.context = engine.newContext(catalog);
        this.clock = new BudgetedCall(engine, context);
        this.config = JsValues.frozen(context, config);
        try {
            for (Path file : catalog.triggerFiles()) {
                try {
                    triggers.add(timedLoad(catalog.displayName(file), () -> Trigger.load(context, catalog, file, this.config)));
                } catch (ScriptException | PolyglotException e) {
                    log.error("trigger not loaded: {}", e.getMessage());
                }
            }
            Path personalityFile = catalog.personalityFile(personality.id());
            Value ownPrompt = catalog.contains(personalityFile) ? timedLoad(catalog.displayName(personalityFile),
                    () -> ScriptLibrary.eval(context, catalog, personalityFile).getMember("prompt")) : null;
            if (ownPrompt != null && ownPrompt.canExecute()) {
                this.promptBuilder = ownPrompt;
                this.promptFile = catalog.displayName(personalityFile);
            } else {
                this.promptBuilder = timedLoad(catalog.displayName(catalog.promptFile()),
                        () -> ScriptLibrary.requireDefaultFunction(context, catalog, catalog.promptFile()));
                this.promptFile = catalog.displayName(catalog.promptFile());
            }
            this.personalityView = JsValues.frozen(context, personality.toScriptView());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Module evaluation (top-level code, rules(config), prefilter(config)) under the warm-up budget. */
    private <T> T timedLoad(String file, java.util.function.Supplier<T> load) {
        return clock.load(file, load);
    }

    public long catalogVersion() {
        return catalog.version();
    }

    public Personality personality() {
        return personality;
    }

    /** Ids of the triggers that loaded. */
    public List<String> triggerIds() {
        return triggers.stream().map(t -> t.id).toList();
    }

    /** Failures of a trigger since this lane loaded it (for tests and metrics). */
    public long failures(String triggerId) {
        return triggers.stream().filter(t -> t.id.equals(triggerId)).mapToLong(t -> t.totalFailures).sum();
    }

    public boolean disabled(String triggerId) {
        return triggers.stream().anyMatch(t -> t.id.equals(triggerId) && t.disabled);
    }

    /**
     * Runs every enabled chat trigger whose prefilter passes, and returns their matches, highest
     * priority first. The caller applies probability and limits.
     */
    public List<TriggerMatch> matchChat(JsMessage message, JsChannelView channel) {
        List<TriggerMatch> matches = null;
        for (Trigger trigger : triggers) {
            if (trigger.disabled) {
                continue;
            }
            matches = ruleMatches(trigger, message, matches);
            if (trigger.onChat == null || !trigger.prefilter.passes(message)) {
                continue;
            }
            matches = call(trigger, trigger.onChat, message, channel, message.text, matches);
        }
        return sorted(matches);
    }

    /** The matches of a trigger's declarative rules for this line (no script call). */
    static List<TriggerMatch> ruleMatches(Trigger trigger, JsMessage message, List<TriggerMatch> into) {
        List<TriggerMatch> out = into;
        for (Trigger.Rule rule : trigger.rules) {
            if (rule.condition().passes(message)) {
                TriggerMatch m = rule.match();
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                String text = m.text();
                if (rule.stripMentions()) {
                    text = message.withoutMentions();
                }
                if (text.isEmpty()) {
                    text = message.text;
                }
                out.add(text.equals(m.text()) ? m : new TriggerMatch(m.trigger(), m.name(), m.priority(), m.probability(),
                        m.context(), text, m.preferProvider(), m.cooldownSeconds(), m.maxPerHour()));
            }
        }
        return out;
    }

    /** Runs every enabled media trigger ({@code onMedia}) for a media change. */
    public List<TriggerMatch> matchMedia(Object media, JsChannelView channel) {
        List<TriggerMatch> matches = null;
        for (Trigger trigger : triggers) {
            if (trigger.disabled || trigger.onMedia == null) {
                continue;
            }
            matches = call(trigger, trigger.onMedia, media, channel, "", matches);
        }
        return sorted(matches);
    }

    private static List<TriggerMatch> sorted(List<TriggerMatch> matches) {
        if (matches == null) {
            return List.of();
        }
        matches.sort(Comparator.comparingDouble(TriggerMatch::priority).reversed());
        return matches;
    }

    /**
     * Calls a trigger function and reads its result into matches, all under the time budget (a
     * result's getters and proxies are script code too).
     */
    private List<TriggerMatch> call(Trigger trigger, Value function, Object first, JsChannelView channel, String defaultText,
                                    List<TriggerMatch> into) {
        long budget = limits.triggerBudgetNanos(++trigger.calls);
        clock.start(budget);
        try {
            List<TriggerMatch> out = collect(trigger, function.execute(first, channel, config), defaultText, into);
            if (!clock.stop()) {
                trigger.consecutiveFailures = 0;
            }
            return out;
        } catch (PolyglotException e) {
            boolean interrupted = clock.stop() || e.isInterrupted();
            fail(trigger, interrupted ? BudgetedCall.overran(trigger.file, budget).getMessage()
                    : ScriptException.from(trigger.file, e).getMessage());
        } catch (ScriptException e) {
            clock.stop();
            fail(trigger, e.getMessage());
        } catch (RuntimeException e) {
            clock.stop();
            fail(trigger, trigger.file + ": " + e);
        }
        return into;
    }

    private void fail(Trigger trigger, String why) {
        engine.countFailure();
        trigger.totalFailures++;
        trigger.consecutiveFailures++;
        log.error("trigger failed ({} in a row): {}", trigger.consecutiveFailures, why);
        if (trigger.consecutiveFailures >= limits.maxFailures()) {
            trigger.disabled = true;
            log.error("trigger {} disabled after {} failures in a row; it comes back when its file changes",
                    trigger.file, trigger.consecutiveFailures);
        }
    }

    /** Reads a trigger's result; a malformed one throws (the caller counts it as the trigger's failure). */
    private static List<TriggerMatch> collect(Trigger trigger, Value result, String defaultText, List<TriggerMatch> into) {
        if (result == null || result.isNull() || (result.isBoolean() && !result.asBoolean())) {
            return into;
        }
        List<TriggerMatch> found = new ArrayList<>(2);
        if (result.hasArrayElements()) {
            int size = JsReader.size(trigger.file, "the returned list of matches", result, MAX_MATCHES);
            for (int i = 0; i < size; i++) {
                found.add(toMatch(trigger, result.getArrayElement(i), defaultText));
            }
        } else {
            found.add(toMatch(trigger, result, defaultText));
        }
        List<TriggerMatch> out = into == null ? new ArrayList<>(found.size()) : into;
        out.addAll(found);
        return out;
    }

    static TriggerMatch toMatch(Trigger trigger, Value result, String defaultText) {
        if (!result.hasMembers()) {
            throw new ScriptException(trigger.file, 0, 0, "must return null, a match object { name, priority, ... } or a list of them");
        }
        JsReader read = new JsReader(trigger.file, result);
        double probability = read.number("probability", 1);
        if (!(probability >= 0 && probability <= 1)) {
            throw new ScriptException(trigger.file, 0, 0, "`probability` must be between 0 and 1, was " + probability);
        }
        double cooldown = read.number("cooldownSeconds", 0);
        double perHour = read.number("maxPerHour", 0);
        if (cooldown < 0 || perHour < 0) {
            throw new ScriptException(trigger.file, 0, 0, "`cooldownSeconds` and `maxPerHour` must not be negative");
        }
        return new TriggerMatch(trigger.id, read.string("name", trigger.id), read.number("priority", 5), probability,
                read.string("context", ""), read.string("text", defaultText), read.string("preferProvider", null),
                cooldown, (int) perHour);
    }

    /** Builds the message list for the model. {@code user} is null for a media comment. */
    public List<ChatMessage> prompt(TriggerMatch match, String user, JsChannelView channel) {
        Map<String, Object> matchView = new LinkedHashMap<>();
        matchView.put("trigger", match.trigger());
        matchView.put("name", match.name());
        matchView.put("priority", match.priority());
        matchView.put("context", match.context());
        matchView.put("text", match.text());
        matchView.put("user", user);
        long budget = limits.promptBudgetNanos(++promptCalls);
        try {
            return clock.run(promptFile, budget, () -> readPrompt(promptBuilder.execute(personalityView, JsValues.toJs(matchView), channel)));
        } catch (PolyglotException e) {
            engine.countFailure();
            throw ScriptException.from(promptFile, e);
        } catch (RuntimeException e) {
            engine.countFailure();
            throw e;
        }
    }

    private List<ChatMessage> readPrompt(Value result) {
        if (result == null || !result.hasArrayElements() || result.getArraySize() == 0) {
            throw new ScriptException(promptFile, 0, 0, "must return a non-empty array of { role, content }");
        }
        int size = JsReader.size(promptFile, "the returned prompt", result, MAX_PROMPT_MESSAGES);
        List<ChatMessage> messages = new ArrayList<>(size);
        long characters = 0;
        for (int i = 0; i < size; i++) {
            Value item = result.getArrayElement(i);
            if (!item.hasMembers()) {
                throw new ScriptException(promptFile, 0, 0, "message " + i + " must be an object { role, content }");
            }
            JsReader read = new JsReader(promptFile, item);
            String role = read.requiredString("role");
            ChatMessage.Role parsed = switch (role) {
                case "system" -> ChatMessage.Role.SYSTEM;
                case "user" -> ChatMessage.Role.USER;
                case "assistant" -> ChatMessage.Role.ASSISTANT;
                default -> throw new ScriptException(promptFile, 0, 0, "message " + i + ": role must be system, user or assistant, was " + role);
            };
            String content = read.string("content", "");
            characters += content.length();
            if (characters > JsReader.MAX_STRING * 4L) {
                throw new ScriptException(promptFile, 0, 0, "the prompt is over " + JsReader.MAX_STRING * 4L + " characters long");
            }
            messages.add(new ChatMessage(parsed, content));
        }
        return messages;
    }

    @Override
    public void close() {
        clock.close();
        context.close(true);
    }
}
