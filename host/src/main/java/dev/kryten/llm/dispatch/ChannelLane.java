package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.api.Persona;
import dev.kryten.llm.command.ChatCommand;
import dev.kryten.llm.command.ChatCommands;
import dev.kryten.llm.command.CommandSource;
import dev.kryten.llm.kryten.ChatEvent;
import dev.kryten.llm.kryten.Envelope;
import dev.kryten.llm.kryten.EventDecoder;
import dev.kryten.llm.kryten.MalformedEventException;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.send.Reply;
import dev.kryten.llm.send.ReplySink;
import dev.kryten.llm.turn.LineOutcome;
import dev.kryten.llm.turn.Outcome;
import dev.kryten.llm.turn.PendingTurn;
import dev.kryten.llm.turn.ReadyTurn;
import dev.kryten.llm.turn.TurnListener;
import dev.kryten.llm.turn.TurnQueue;
import dev.kryten.llm.turn.TurnRunner;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's ordered lane: a thread of its own reads the channel's events from a NATS
 * subscription and, in order: decode → ignore rules → chat commands → {@link LineDecider}
 * triggers → admission ({@link TurnQueue}) → start (limits charged, prompt built) → the
 * {@link TurnRunner}. Nothing slow happens here. Work from other threads (a personality swap, a
 * script reload, a finished turn freeing its slot) is queued to this thread and runs between two
 * messages, so no message is lost or handled twice across a change. Every chat line ends in
 * exactly one {@link Outcome}, reported to the listener. A failure with one message, of whatever
 * type, is logged with its subject and the lane goes on with the next.
 */
final class ChannelLane implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ChannelLane.class);
    /** How often an idle lane looks at its queued work (finished turns free slots this way). */
    private static final Duration IDLE_POLL = Duration.ofMillis(20);

    private final String channel;
    private final Subscription subscription;
    private final EventDecoder decoder = new EventDecoder();
    private final LineDecider decider;
    private final IncomingFilter filter;
    private final ChatCommands commands;
    private final int maxMessageLength;
    private final Map<String, Object> formatOptions;
    private final ReplySink sink;
    private final TurnRunner turns;
    private final TurnQueue queue;
    private final TurnListener listener;
    private final Clock clock;
    private final LineIds ids;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Messages handled; written by the lane thread only, read by anyone. */
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;
    private volatile int waitingTurns;
    private volatile int turnsInFlight;

    record Parts(LineDecider decider, IncomingFilter filter, ChatCommands commands, ReplySink sink, TurnQueue queue) {}

    ChannelLane(String channel, Subscription subscription, Parts parts, int maxMessageLength, Map<String, Object> formatOptions,
                TurnRunner turns, TurnListener listener, Clock clock, LineIds ids) {
        this.channel = channel;
        this.subscription = subscription;
        this.decider = parts.decider();
        this.filter = parts.filter();
        this.commands = parts.commands();
        this.sink = parts.sink();
        this.queue = parts.queue();
        this.maxMessageLength = maxMessageLength;
        this.formatOptions = formatOptions;
        this.turns = turns;
        this.listener = listener;
        this.clock = clock;
        this.ids = ids;
    }

    String channel() {
        return channel;
    }

    long handled() {
        return handled.get();
    }

    /** Messages whose handling failed unexpectedly (the lane went on). */
    long failures() {
        return failures.get();
    }

    /** Turns admitted and not started yet (read from any thread). */
    int waitingTurns() {
        return waitingTurns;
    }

    /** Turns started and not finished yet (read from any thread). */
    int turnsInFlight() {
        return turnsInFlight;
    }

    /** Runs {@code work} on the lane's thread between two messages and completes with its result. */
    <T> CompletableFuture<T> submit(Function<LineDecider, T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(work.apply(decider));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void run() {
        try {
            while (running) {
                runTasks();
                Message message;
                try {
                    message = subscription.nextMessage(IDLE_POLL);
                } catch (InterruptedException e) {
                    break;
                } catch (IllegalStateException closed) {
                    break; // subscription or connection closed: shutting down
                }
                if (message != null) {
                    handle(message.getSubject(), message.getData());
                    handled.lazySet(handled.get() + 1);
                }
            }
        } finally {
            running = false; // pump() starts nothing from here on
            for (TurnQueue.Evicted left : queue.drain("shutting down before the turn started")) {
                report(left.turn(), left.outcome());
            }
            Runnable pending;
            while ((pending = tasks.poll()) != null) {
                runSafely(pending); // they complete (or fail) now rather than never
            }
            dropUnread();
            decider.close();
            log.info("lane {} stopped", channel);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
        }
        if (queue.waiting() > 0) {
            runSafely(this::pump); // stale turns are dropped even when nothing finishes
        }
        runSafely(() -> decider.reloadOffLane(tasks::add));
    }

    /** Chat lines still unread when the lane stops each end as dropped, not silently. */
    private void dropUnread() {
        try {
            Message message;
            long left = subscription.getPendingMessageCount(); // what was unread at the stop, not what keeps arriving
            while (left-- > 0 && (message = subscription.nextMessage(Duration.ofMillis(1))) != null) {
                if (message.getSubject().toLowerCase(Locale.ROOT).endsWith(".chatmsg")) {
                    String user = null;
                    String text = null;
                    try {
                        ChatEvent event = decoder.chat(message.getSubject(), decoder.envelope(message.getSubject(), message.getData()));
                        user = event.username();
                        text = event.text();
                    } catch (MalformedEventException e) {
                        // still a line that was not read: reported without its user
                    }
                    report(ids.next(), user, text, null, new Outcome.Dropped("the channel's lane stopped before it was read"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException closed) {
            // the subscription is gone already: nothing more can be read
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) { // one failed task must not stop the lane, whatever it threw
            failures.incrementAndGet();
            log.error("{}: queued work failed; the lane goes on: {}", channel, e.toString(), e);
        }
    }

    /** Handles one NATS message; never throws, whatever goes wrong with it. */
    void handle(String subject, byte[] body) {
        String lineId = null;
        try {
            Envelope envelope = decoder.envelope(subject, body);
            String event = envelope.eventName().toLowerCase(Locale.ROOT);
            long now = clock.millis();
            if (event.equals("chatmsg")) {
                lineId = ids.next();
                onChat(lineId, decoder.chat(subject, envelope), now);
            } else if (decider.state().apply(event, envelope.payload(), now) && event.equals("changemedia")) {
                lineId = ids.next();
                onMediaChange(lineId, envelope, now);
            }
        } catch (MalformedEventException e) {
            log.warn("{}: skipped", e.getMessage());
            if (subject.toLowerCase(Locale.ROOT).endsWith(".chatmsg")) {
                report(lineId == null ? ids.next() : lineId, null, null, null, new Outcome.Ignored("malformed: " + e.getMessage()));
            }
        } catch (Throwable e) { // a lane never stops reading because of one message (even an OutOfMemoryError
            failures.incrementAndGet(); // from a script's huge value: the allocation failed, nothing is retained)
            log.error("unexpected failure on {}; the lane goes on: {}", subject, e.toString(), e);
            if (lineId != null) {
                report(lineId, null, null, null, new Outcome.Failed("unexpected: " + e));
            }
        }
    }

    private void onChat(String id, ChatEvent event, long now) {
        IncomingFilter.Verdict verdict = filter.check(event, now);
        switch (verdict) {
            case OWN_ECHO -> {
                decider.ownLine(event);
                report(id, event.username(), event.text(), null, new Outcome.Ignored("the bot's own line"));
            }
            case REPLAY -> {
                decider.historyLine(event);
                report(id, event.username(), event.text(), null, new Outcome.Ignored("replayed history (older than the "
                        + "Robot's last connect or max_message_age_seconds)"));
            }
            case ANSWERABLE -> answerable(id, event, now);
            default -> report(id, event.username(), event.text(), null, new Outcome.Ignored(verdict.reason()));
        }
    }

    private void answerable(String id, ChatEvent event, long now) {
        Optional<ChatCommand> command = commands.find(event.text());
        if (command.isPresent()) {
            decider.historyLine(event);
            var line = new ReadyTurn.LineRef(id, channel, event.username(), event.text(), "command:" + command.get().name());
            if (queue.inFlight() >= queue.capacity()) { // checked first: a refused command changes nothing
                listener.onOutcome(line.outcome(clock.instant(), new Outcome.Refused("busy", "channel busy: no free turn "
                        + "slot for the command's reply")));
                return;
            }
            String reply = commands.runLine(channel, event.username(), decider.state().rankOf(event.username()),
                    event.text(), CommandSource.CHAT, decider).orElseThrow();
            queue.started();
            publishDepths();
            turns.sendFixed(line, new Reply(List.of(reply), event.domain(), event.channel(), id), sink, listener,
                    this::turnFinished);
            return;
        }
        LineDecider.Triggered triggered = decider.chat(event, now);
        if (!triggered.matched()) {
            report(id, event.username(), event.text(), null, new Outcome.NotTriggered());
        } else if (triggered.eligible().isEmpty()) {
            report(id, event.username(), event.text(), null, triggered.refusal());
        } else {
            admit(new PendingTurn(id, event.username(), event.text(), triggered.eligible(), triggered.historyMark(), now,
                    event.domain(), event.channel()));
        }
    }

    private void onMediaChange(String id, Envelope envelope, long now) {
        String title = envelope.payload().path("title").asText("");
        LineDecider.Triggered triggered = decider.media(now);
        if (!triggered.matched()) {
            report(id, null, title, null, new Outcome.NotTriggered());
        } else if (triggered.eligible().isEmpty()) {
            report(id, null, title, null, triggered.refusal());
        } else {
            admit(new PendingTurn(id, null, title, triggered.eligible(), triggered.historyMark(), now, envelope.domain(),
                    envelope.channel()));
        }
    }

    private void admit(PendingTurn turn) {
        for (TurnQueue.Evicted evicted : queue.offer(turn)) {
            report(evicted.turn(), evicted.outcome());
        }
        pump();
    }

    /** Starts waiting turns while slots are free; drops stale ones on the way. */
    private void pump() {
        if (!running) {
            return; // a stopping lane starts no new (billable) turn
        }
        List<TurnQueue.Evicted> stale = new ArrayList<>(0);
        PendingTurn next;
        long now = clock.millis();
        while ((next = queue.next(now, stale)) != null) {
            start(next, now);
        }
        for (TurnQueue.Evicted evicted : stale) {
            report(evicted.turn(), evicted.outcome());
        }
        publishDepths();
    }

    private void start(PendingTurn turn, long now) {
        LineDecider.Start start;
        try {
            start = decider.start(turn, now);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            failures.incrementAndGet();
            log.error("[{}] starting the turn failed; the lane goes on: {}", turn.id(), e.toString(), e);
            report(turn, new Outcome.Failed("unexpected: " + e));
            return;
        }
        switch (start) {
            case LineDecider.Start.NotStarted n -> report(turn, n.outcome());
            case LineDecider.Start.Started s -> {
                try {
                    launch(turn, s.decision());
                } catch (RuntimeException | OutOfMemoryError e) {
                    failures.incrementAndGet();
                    log.error("[{}] launching the turn failed; the lane goes on: {}", turn.id(), e.toString(), e);
                    report(turn, new Outcome.Failed("unexpected: " + e));
                }
            }
        }
    }

    private void launch(PendingTurn turn, LineDecider.Decision decision) {
        Personality personality = decision.personality();
        String robotChannel = turn.robotChannel() == null ? channel : turn.robotChannel();
        var request = new CompletionRequest(decision.prompt(), decision.match().text(),
                new Persona(personality.name(), personality.stockLines()), robotChannel, turn.id());
        List<String> names = new ArrayList<>(personality.nameVariations());
        names.add(decider.accountName());
        FormatContext format = new FormatContext(personality.name(), names, maxMessageLength, formatOptions);
        log.info("[{}] {} in {}: {} ({})", turn.id(), turn.user() == null ? "media change" : turn.user(), channel,
                decision.match().trigger(), decision.match().name());
        var line = new ReadyTurn.LineRef(turn.id(), channel, turn.user(), turn.text(), decision.match().name());
        queue.started();
        turns.start(new ReadyTurn(line, request, decision.match().preferProvider(), format, turn.domain(), robotChannel), sink,
                listener, this::turnFinished);
    }

    /** Called on the turn's thread when its outcome is out: the slot is freed on the lane's thread. */
    private void turnFinished() {
        tasks.add(() -> {
            queue.finished();
            pump();
        });
    }

    private void publishDepths() {
        waitingTurns = queue.waiting();
        turnsInFlight = queue.inFlight();
    }

    private void report(PendingTurn turn, Outcome outcome) {
        report(turn.id(), turn.user(), turn.text(), turn.trigger(), outcome);
    }

    private void report(String id, String user, String text, String trigger, Outcome outcome) {
        listener.onOutcome(new LineOutcome(id, channel, user, text, trigger, clock.instant(), outcome));
    }

    void stop() {
        running = false;
    }
}
