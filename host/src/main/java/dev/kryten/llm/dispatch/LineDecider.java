package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.ChatMessage;
import dev.kryten.llm.nats.ChatEvent;
import dev.kryten.llm.script.JsChannelView;
import dev.kryten.llm.script.JsMessage;
import dev.kryten.llm.script.LaneScripts;
import dev.kryten.llm.script.MentionMatcher;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.script.ScriptCatalog;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptException;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.script.ScriptLimits;
import dev.kryten.llm.script.TriggerMatch;
import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.state.ChatLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-line decision, without NATS: channel state, triggers, probability, trigger limits and
 * the prompt. The live lane, {@code kryten-llm replay} and the benchmark all drive this one class,
 * so what replay prints is what production does. It follows the script library: when a newer
 * catalog is published, or the personality is swapped, it rebuilds its scripts before the next
 * line. Single-threaded, like its lane.
 */
public final class LineDecider implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LineDecider.class);

    /**
     * A decision to answer.
     *
     * @param match       the winning match
     * @param prompt      the messages for the model
     * @param user        who is answered; null for a media comment
     * @param personality the character answering
     */
    public record Decision(TriggerMatch match, List<ChatMessage> prompt, String user, Personality personality) {}

    private final String channel;
    private final ScriptEngine engine;
    private final ScriptLibrary library;
    private final BiFunction<ScriptCatalog, String, Personality> personalities;
    private final String accountName;
    private final ChannelState state;
    private final ScriptLimits limits;
    private final TriggerLimits triggerLimits = new TriggerLimits();
    private String personalityId;
    private LaneScripts scripts;
    private MentionMatcher mentions;
    private Map<String, Object> botView;

    /**
     * @param personalities resolves a personality id in a catalog (config overrides applied), or null when unknown
     * @param accountName   the bot's CyTube account: always a mention, and its lines are the bot's own
     */
    public LineDecider(String channel, ScriptEngine engine, ScriptLibrary library,
                       BiFunction<ScriptCatalog, String, Personality> personalities, String personalityId,
                       String accountName, ChannelState state, ScriptLimits limits) {
        this.channel = channel;
        this.engine = engine;
        this.library = library;
        this.personalities = personalities;
        this.personalityId = personalityId;
        this.accountName = accountName;
        this.state = state;
        this.limits = limits;
        Personality personality = personalities.apply(library.current(), personalityId);
        if (personality == null) {
            throw new ScriptException("personalities/" + personalityId + ".js", 0, 0, "no such personality (available: "
                    + library.current().personalityIds() + ")");
        }
        install(new LaneScripts(engine, library.current(), personality, library.scriptConfig(), limits));
    }

    private void install(LaneScripts next) {
        if (scripts != null) {
            scripts.close();
        }
        scripts = next;
        Personality p = next.personality();
        List<String> names = new ArrayList<>();
        names.add(accountName.toLowerCase(java.util.Locale.ROOT));
        for (String name : p.mentionNames()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        mentions = new MentionMatcher(names);
        botView = JsChannelView.botView(accountName, p, names);
    }

    /** Rebuilds the scripts when the library published a newer version; keeps the old ones if that fails. */
    private long failedVersion = -1;

    private void refresh() {
        ScriptCatalog catalog = library.current();
        if (catalog.version() == scripts.catalogVersion() || catalog.version() == failedVersion) {
            return;
        }
        Personality personality = personalities.apply(catalog, personalityId);
        if (personality == null) {
            log.warn("personality {} is gone from {}; {} keeps its last version", personalityId, catalog.personalities(), channel);
            personality = scripts.personality();
        }
        try {
            install(new LaneScripts(engine, catalog, personality, library.scriptConfig(), limits));
            log.info("{}: scripts now at version {} (triggers {})", channel, catalog.version(), scripts.triggerIds());
        } catch (ScriptException | org.graalvm.polyglot.PolyglotException e) {
            failedVersion = catalog.version(); // once per version, not on every line
            log.error("{}: keeping script version {}: {}", channel, scripts.catalogVersion(), e.getMessage());
        }
    }

    /** Switches the character; the next answer uses it. False when no such personality exists. */
    public boolean swapPersonality(String id) {
        Personality personality = personalities.apply(library.current(), id);
        if (personality == null) {
            return false;
        }
        try {
            install(new LaneScripts(engine, library.current(), personality, library.scriptConfig(), limits));
        } catch (ScriptException | org.graalvm.polyglot.PolyglotException e) {
            log.error("{}: cannot switch to personality {}: {}", channel, id, e.getMessage());
            return false;
        }
        personalityId = id;
        log.info("{}: personality is now {} ({})", channel, id, personality.name());
        return true;
    }

    public String personalityId() {
        return personalityId;
    }

    public List<String> availablePersonalities() {
        return library.current().personalityIds();
    }

    public LaneScripts scripts() {
        refresh();
        return scripts;
    }

    public ChannelState state() {
        return state;
    }

    public String accountName() {
        return accountName;
    }

    /** Records a line of the bot's own (its echo). */
    public void ownLine(ChatEvent event) {
        state.addChat(new ChatLine(event.username(), event.text(), event.timeMs(), true));
    }

    /** Records a line that is not answered (replayed history). */
    public void historyLine(ChatEvent event) {
        state.addChat(new ChatLine(event.username(), event.text(), event.timeMs(), false));
    }

    /**
     * Runs the triggers for an answerable chat line. Triggers and prompt see the history before
     * this line; the line joins it afterwards.
     */
    public Optional<Decision> chat(ChatEvent event, long nowMs) {
        refresh();
        String lower = event.text().toLowerCase(java.util.Locale.ROOT);
        JsMessage message = new JsMessage(event.username(), event.text(), lower, event.timeMs(), state.rankOf(event.username()),
                event.action(), mentions.mentionsLower(lower), mentions);
        JsChannelView view = new JsChannelView(state, botView, nowMs);
        Optional<Decision> decision = choose(scripts.matchChat(message, view), event.username(), view, nowMs);
        state.addChat(new ChatLine(event.username(), event.text(), event.timeMs(), false));
        return decision;
    }

    /** Runs the media triggers after a {@code changeMedia} to new media. */
    public Optional<Decision> media(long nowMs) {
        refresh();
        if (state.media() == null) {
            return Optional.empty();
        }
        JsChannelView view = new JsChannelView(state, botView, nowMs);
        return choose(scripts.matchMedia(JsChannelView.mediaChange(state, nowMs), view), null, view, nowMs);
    }

    private Optional<Decision> choose(List<TriggerMatch> matches, String user, JsChannelView view, long nowMs) {
        for (TriggerMatch match : matches) {
            if (match.probability() < 1 && ThreadLocalRandom.current().nextDouble() >= match.probability()) {
                continue;
            }
            String refusal = triggerLimits.refusal(match, nowMs);
            if (refusal != null) {
                log.debug("{}: {} not answered: {}", channel, match.name(), refusal);
                continue;
            }
            try {
                List<ChatMessage> prompt = scripts.prompt(match, user, view);
                triggerLimits.record(match, nowMs);
                return Optional.of(new Decision(match, prompt, user, scripts.personality()));
            } catch (ScriptException e) {
                log.error("{}: prompt failed, not answering {}: {}", channel, user == null ? "the media change" : user, e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        scripts.close();
    }
}
