package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.ChatMessage;
import dev.kryten.llm.command.ChannelControl;
import dev.kryten.llm.kryten.ChatEvent;
import dev.kryten.llm.script.JsChannelView;
import dev.kryten.llm.script.JsMessage;
import dev.kryten.llm.script.LaneScripts;
import dev.kryten.llm.script.MentionMatcher;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.script.Personas;
import dev.kryten.llm.script.ScriptCatalog;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptException;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.config.ScriptLimits;
import dev.kryten.llm.script.TriggerMatch;
import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.state.ChatLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import dev.kryten.llm.turn.Outcome;
import dev.kryten.llm.turn.PendingTurn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-line decision, without NATS: channel state, triggers, probability, trigger limits and
 * the prompt. The live lane, {@code kryten-llm replay} and the benchmark all drive this one class,
 * so what replay prints is what production does. It follows the script library: when a newer
 * catalog is published, or the personality is swapped, it rebuilds its scripts before the next
 * line. Single-threaded, like its lane.
 */
public final class LineDecider implements AutoCloseable, ChannelControl {
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
    private final Personas personalities;
    private final String accountName;
    private final ChannelState state;
    private final ScriptLimits limits;
    private final TriggerLimits triggerLimits = new TriggerLimits();
    private final RandomGenerator random;
    private final boolean buildOffLane;
    private String personalityId;
    private LaneScripts scripts;
    private MentionMatcher mentions;
    private Map<String, Object> botView;

    /**
     * @param personalities resolves a personality id in a catalog (config overrides applied)
     * @param accountName   the bot's CyTube account: always a mention, and its lines are the bot's own
     */
    public LineDecider(String channel, ScriptEngine engine, ScriptLibrary library,
                       Personas personalities, String personalityId,
                       String accountName, ChannelState state, ScriptLimits limits, RandomGenerator random) {
        this(channel, engine, library, personalities, personalityId, accountName, state, limits, random, false);
    }

    /**
     * @param buildOffLane true for a live lane: a newer script version is built off the lane by
     *                     {@link #reloadOffLane} instead of before the next line
     */
    public LineDecider(String channel, ScriptEngine engine, ScriptLibrary library,
                       Personas personalities, String personalityId,
                       String accountName, ChannelState state, ScriptLimits limits, RandomGenerator random, boolean buildOffLane) {
        this.buildOffLane = buildOffLane;
        this.random = random;
        this.channel = channel;
        this.engine = engine;
        this.library = library;
        this.personalities = personalities;
        this.personalityId = personalityId;
        this.accountName = accountName;
        this.state = state;
        this.limits = limits;
        Personality personality = personalities.resolve(library.current(), personalityId);
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
        List<String> names = Personas.mentionNames(accountName, p);
        mentions = new MentionMatcher(names);
        botView = JsChannelView.botView(accountName, p, names);
    }

    /** The catalog version that failed to build here (logged once, not on every line). */
    private long failedVersion = -1;
    /** A build of the next scripts is running off the lane. */
    private boolean building;
    /** Set when the lane stops: a build finishing later closes its own result. */
    private volatile boolean closed;

    /**
     * Rebuilds the scripts before a line when the library published a newer version, keeping the
     * old ones if that fails. Only for offline drivers (replay, benchmarks); a live lane builds
     * the next version off its thread instead ({@link #reloadOffLane}).
     */
    private void refresh() {
        if (buildOffLane) {
            return;
        }
        ScriptCatalog catalog = library.current();
        if (catalog.version() == scripts.catalogVersion() || catalog.version() == failedVersion) {
            return;
        }
        Personality personality = personalityIn(catalog);
        try {
            install(new LaneScripts(engine, catalog, personality, library.scriptConfig(), limits));
            log.info("{}: scripts now at version {} (triggers {})", channel, catalog.version(), scripts.triggerIds());
        } catch (ScriptException | org.graalvm.polyglot.PolyglotException e) {
            failedVersion = catalog.version();
            log.error("{}: keeping script version {}: {}", channel, scripts.catalogVersion(), e.getMessage());
        }
    }

    private Personality personalityIn(ScriptCatalog catalog) {
        Personality personality = personalities.resolve(catalog, personalityId);
        if (personality == null) {
            log.warn("personality {} is gone from {}; {} keeps its last version", personalityId, catalog.personalities(), channel);
            return scripts.personality();
        }
        return personality;
    }

    /**
     * When the library published a newer version, builds the lane's next scripts on a virtual
     * thread (a new context, every module evaluated) while the lane goes on with the current ones;
     * {@code toLane} runs the swap on the lane's thread between two messages. Call from the lane.
     */
    public void reloadOffLane(java.util.function.Consumer<Runnable> toLane) {
        ScriptCatalog catalog = library.current();
        if (building || catalog.version() == scripts.catalogVersion() || catalog.version() == failedVersion) {
            return;
        }
        building = true;
        String forPersonality = personalityId;
        Personality personality = personalityIn(catalog);
        Map<String, Object> config = library.scriptConfig();
        // a platform thread: reloads are rare, and GraalJS's support for virtual threads is still experimental
        Thread.ofPlatform().name("scripts-" + channel).daemon().start(() -> {
            LaneScripts next = null;
            Throwable failure = null;
            try {
                next = new LaneScripts(engine, catalog, personality, config, limits);
            } catch (Throwable e) { // whatever it was, the lane keeps its scripts and hears why
                failure = e;
            }
            if (closed && next != null) {
                next.close(); // the lane stopped while this was built
                return;
            }
            LaneScripts built = next;
            Throwable failed = failure;
            toLane.accept(() -> swapIn(catalog, forPersonality, built, failed));
        });
    }

    private void swapIn(ScriptCatalog catalog, String forPersonality, LaneScripts next, Throwable failure) {
        building = false;
        if (closed) {
            if (next != null) {
                next.close();
            }
            return;
        }
        if (failure != null) {
            failedVersion = catalog.version();
            log.error("{}: keeping script version {}: {}", channel, scripts.catalogVersion(), failure.getMessage());
            return;
        }
        if (!forPersonality.equals(personalityId) || scripts.catalogVersion() >= catalog.version()) {
            next.close(); // a personality swap built newer scripts meanwhile
            return;
        }
        install(next);
        log.info("{}: scripts now at version {} (triggers {})", channel, catalog.version(), scripts.triggerIds());
    }

    /** Switches the character; the next answer uses it. False when no such personality exists. */
    @Override
    public boolean swapPersonality(String id) {
        Personality personality = personalities.resolve(library.current(), id);
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

    @Override
    public String personalityId() {
        return personalityId;
    }

    @Override
    public String personalityName() {
        return scripts.personality().name();
    }

    @Override
    public List<String> availablePersonalities() {
        return library.current().personalityIds();
    }

    /** The scripts in use now (replay and bench drivers see a newer version first). */
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
     * What the triggers said about one line or media change, before any work is done for it.
     *
     * @param eligible    matches that passed their probability roll and a (not yet charged) limits check, best first
     * @param refusal     when triggers matched but none is eligible: the first refusal; else null
     * @param historyMark the channel's line count before the line: the prompt's history ends there
     */
    public record Triggered(List<TriggerMatch> eligible, Outcome.Refused refusal, long historyMark) {
        public boolean matched() {
            return !eligible.isEmpty() || refusal != null;
        }
    }

    /** How starting a waiting turn went: a decision with its prompt, or why not. */
    public sealed interface Start {
        record Started(Decision decision) implements Start {}

        record NotStarted(Outcome outcome) implements Start {}
    }

    /**
     * Runs the triggers for an answerable chat line, rolls each match's probability and checks its
     * limits without charging them. Triggers see the history before this line; the line joins it afterwards.
     */
    public Triggered chat(ChatEvent event, long nowMs) {
        refresh();
        String lower = event.text().toLowerCase(java.util.Locale.ROOT);
        JsMessage message = new JsMessage(event.username(), event.text(), lower, event.timeMs(), state.rankOf(event.username()),
                event.action(), mentions.mentionsLower(lower), mentions);
        long mark = state.linesAdded();
        JsChannelView view = new JsChannelView(state, botView, nowMs);
        List<TriggerMatch> matches;
        try {
            matches = scripts.matchChat(message, view);
        } finally {
            state.addChat(new ChatLine(event.username(), event.text(), event.timeMs(), false));
        }
        return eligible(matches, mark, nowMs);
    }

    /** Runs the media triggers after a {@code changeMedia} to new media. */
    public Triggered media(long nowMs) {
        refresh();
        if (state.media() == null) {
            return new Triggered(List.of(), null, state.linesAdded());
        }
        JsChannelView view = new JsChannelView(state, botView, nowMs);
        return eligible(scripts.matchMedia(JsChannelView.mediaChange(state, nowMs), view), state.linesAdded(), nowMs);
    }

    private Triggered eligible(List<TriggerMatch> matches, long mark, long nowMs) {
        List<TriggerMatch> eligible = new ArrayList<>(matches.size());
        Outcome.Refused first = null;
        for (TriggerMatch match : matches) {
            Outcome.Refused refusal = null;
            if (match.probability() < 1 && random.nextDouble() >= match.probability()) {
                refusal = new Outcome.Refused("probability", "trigger '" + match.name() + "' rolled above its probability "
                        + match.probability());
            } else {
                refusal = triggerLimits.refusal(match, nowMs);
            }
            if (refusal == null) {
                eligible.add(match);
            } else if (first == null) {
                first = refusal;
            }
        }
        return new Triggered(eligible, eligible.isEmpty() ? first : null, mark);
    }

    /**
     * Starts an admitted turn: checks its matches' limits again (a turn that started meanwhile may
     * have used them), charges the first that passes and builds its prompt, with the history as it
     * was when the line arrived.
     */
    public Start start(PendingTurn turn, long nowMs) {
        refresh();
        Outcome.Refused refused = null;
        for (TriggerMatch match : turn.matches()) {
            Outcome.Refused refusal = triggerLimits.refusal(match, nowMs);
            if (refusal != null) {
                refused = refused == null ? refusal : refused;
                continue;
            }
            JsChannelView view = new JsChannelView(state, botView, nowMs, turn.historyMark());
            try {
                List<ChatMessage> prompt = scripts.prompt(match, turn.user(), view);
                triggerLimits.record(match, nowMs);
                return new Start.Started(new Decision(match, prompt, turn.user(), scripts.personality()));
            } catch (ScriptException e) {
                return new Start.NotStarted(new Outcome.Failed("prompt failed: " + e.getMessage()));
            }
        }
        return new Start.NotStarted(refused);
    }

    /** Triggers and start in one step, for replay and benchmarks (no admission queue). */
    public Optional<Decision> decideNow(Triggered triggered, String user, String text, long nowMs) {
        if (triggered.eligible().isEmpty()) {
            return Optional.empty();
        }
        PendingTurn turn = new PendingTurn("replay", user, text, triggered.eligible(), triggered.historyMark(), nowMs, null, null);
        return start(turn, nowMs) instanceof Start.Started started ? Optional.of(started.decision()) : Optional.empty();
    }

    @Override
    public void close() {
        closed = true;
        scripts.close();
    }
}
