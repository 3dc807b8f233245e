package dev.kryten.llm.script;

import dev.kryten.llm.api.ChatMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scripts of one dispatcher lane, evaluated in that lane's own context (a JS context is
 * single-threaded): the triggers, the prompt builder and the personality as scripts see it.
 * Called only from the lane's thread. A script that throws is logged with its file and line and
 * skipped; the other triggers still run.
 */
public final class LaneScripts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LaneScripts.class);

    private record Trigger(String id, String file, Value function, Prefilter prefilter) {}

    private final Context context;
    private final List<Trigger> triggers = new ArrayList<>();
    private final Value promptBuilder;
    private final String promptFile;
    private final Object personalityView;

    /**
     * Evaluates the files in a new context. A trigger file that fails to load is logged and left out;
     * a prompt file that fails is fatal (no turn could be answered).
     */
    public LaneScripts(ScriptEngine engine, List<ScriptFile> triggerFiles, ScriptFile promptFile, Personality personality) {
        this.context = engine.newContext();
        for (ScriptFile file : triggerFiles) {
            try {
                triggers.add(loadTrigger(file));
            } catch (ScriptException e) {
                log.error("trigger not loaded: {}", e.getMessage());
            }
        }
        this.promptFile = promptFile.name();
        this.promptBuilder = defaultFunction(promptFile);
        this.personalityView = JsValues.toJs(personality.toScriptView());
    }

    private Trigger loadTrigger(ScriptFile file) {
        Value exports = evaluate(file);
        return new Trigger(file.id(), file.name(), requireDefaultFunction(file, exports), Prefilter.from(file.name(), exports));
    }

    private Value defaultFunction(ScriptFile file) {
        return requireDefaultFunction(file, evaluate(file));
    }

    private Value evaluate(ScriptFile file) {
        try {
            return context.eval(file.source());
        } catch (PolyglotException e) {
            throw ScriptException.from(file.name(), e);
        }
    }

    private static Value requireDefaultFunction(ScriptFile file, Value exports) {
        Value function = exports.getMember("default");
        if (function == null || !function.canExecute()) {
            throw new ScriptException(file.name(), 0, 0, "must `export default function (...) {...}`");
        }
        return function;
    }

    /** Ids of the triggers that loaded. */
    public List<String> triggerIds() {
        return triggers.stream().map(Trigger::id).toList();
    }

    /**
     * Runs every trigger whose prefilter passes; of the matches, the highest priority wins, after
     * its probability roll (a failed roll gives the next one its chance).
     */
    public Optional<TriggerMatch> match(JsMessage message, JsChannelView channel) {
        List<TriggerMatch> matches = null;
        for (Trigger trigger : triggers) {
            if (!trigger.prefilter().passes(message)) {
                continue;
            }
            TriggerMatch match = call(trigger, message, channel);
            if (match != null) {
                if (matches == null) {
                    matches = new ArrayList<>(2);
                }
                matches.add(match);
            }
        }
        if (matches == null) {
            return Optional.empty();
        }
        matches.sort(Comparator.comparingDouble(TriggerMatch::priority).reversed());
        for (TriggerMatch match : matches) {
            if (match.probability() >= 1 || ThreadLocalRandom.current().nextDouble() < match.probability()) {
                return Optional.of(match);
            }
        }
        return Optional.empty();
    }

    private TriggerMatch call(Trigger trigger, JsMessage message, JsChannelView channel) {
        Value result;
        try {
            result = trigger.function().execute(message, channel);
        } catch (PolyglotException e) {
            log.error("trigger failed: {}", ScriptException.from(trigger.file(), e).getMessage());
            return null;
        }
        if (result == null || result.isNull() || (result.isBoolean() && !result.asBoolean())) {
            return null;
        }
        if (!result.hasMembers()) {
            log.error("trigger failed: {}: must return null or a match object {{ name, priority, ... }}", trigger.file());
            return null;
        }
        try {
            JsReader read = new JsReader(trigger.file(), result);
            double probability = read.number("probability", 1);
            if (probability < 0 || probability > 1) {
                throw new ScriptException(trigger.file(), 0, 0, "`probability` must be between 0 and 1, was " + probability);
            }
            return new TriggerMatch(trigger.id(), read.string("name", trigger.id()), read.number("priority", 5), probability,
                    read.string("context", ""), read.string("text", message.text), read.string("preferProvider", null));
        } catch (ScriptException e) {
            log.error("trigger failed: {}", e.getMessage());
            return null;
        }
    }

    /** Builds the message list for the model from the prompt script. */
    public List<ChatMessage> prompt(TriggerMatch match, JsMessage message, JsChannelView channel) {
        Map<String, Object> matchView = new LinkedHashMap<>();
        matchView.put("trigger", match.trigger());
        matchView.put("name", match.name());
        matchView.put("priority", match.priority());
        matchView.put("context", match.context());
        matchView.put("text", match.text());
        matchView.put("user", message.user);
        Value result;
        try {
            result = promptBuilder.execute(personalityView, JsValues.toJs(matchView), channel);
        } catch (PolyglotException e) {
            throw ScriptException.from(promptFile, e);
        }
        if (result == null || !result.hasArrayElements() || result.getArraySize() == 0) {
            throw new ScriptException(promptFile, 0, 0, "must return a non-empty array of { role, content }");
        }
        List<ChatMessage> messages = new ArrayList<>((int) result.getArraySize());
        for (long i = 0; i < result.getArraySize(); i++) {
            Value item = result.getArrayElement(i);
            if (!item.hasMembers()) {
                throw new ScriptException(promptFile, 0, 0, "message " + i + " must be an object { role, content }");
            }
            JsReader read = new JsReader(promptFile, item);
            String role = read.requiredString("role");
            String content = read.string("content", "");
            ChatMessage.Role parsed = switch (role) {
                case "system" -> ChatMessage.Role.SYSTEM;
                case "user" -> ChatMessage.Role.USER;
                case "assistant" -> ChatMessage.Role.ASSISTANT;
                default -> throw new ScriptException(promptFile, 0, 0, "message " + i + ": role must be system, user or assistant, was " + role);
            };
            messages.add(new ChatMessage(parsed, content));
        }
        return messages;
    }

    @Override
    public void close() {
        context.close(true);
    }
}
