package dev.kryten.llm.turn;

import dev.kryten.llm.format.FormatterChain;
import dev.kryten.llm.guard.ReplyGuard;
import dev.kryten.llm.provider.Answer;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.send.Delivery;
import dev.kryten.llm.send.Reply;
import dev.kryten.llm.send.ReplySink;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything after a turn starts, on a virtual thread per turn so a slow model never delays
 * reading chat: provider chain, formatters, guard, then the channel's {@link ReplySink}. It
 * bounds nothing itself: the lane admitted the turn ({@link TurnQueue}), so an answer the model
 * produced always has its place in the sink. Each turn ends in exactly one outcome, reported to
 * the listener, and then {@code done} runs (the lane frees the slot).
 */
public final class TurnRunner implements AutoCloseable {
    /** How long {@link #close()} waits for interrupted turns to report their outcome. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

    private final ProviderChain providers;
    private final FormatterChain formatters;
    private final ReplyGuard guard;
    private final Clock clock;
    private final java.util.Set<Thread> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public TurnRunner(ProviderChain providers, FormatterChain formatters, ReplyGuard guard, Clock clock) {
        this.providers = providers;
        this.formatters = formatters;
        this.guard = guard;
        this.clock = clock;
    }

    /** Runs a started turn on its own virtual thread. */
    public void start(ReadyTurn turn, ReplySink sink, TurnListener listener, Runnable done) {
        launch(turn.line(), listener, done, () -> run(turn, sink, listener));
    }

    /** Says a fixed reply (a chat command's answer) through the sink, as a turn of its own. */
    public void sendFixed(ReadyTurn.LineRef line, Reply reply, ReplySink sink, TurnListener listener, Runnable done) {
        launch(line, listener, done, () -> deliver(line, reply, sink, listener, line.trigger(), Duration.ZERO, 0, 0));
    }

    private void launch(ReadyTurn.LineRef line, TurnListener listener, Runnable done, java.util.concurrent.Callable<Outcome> work) {
        Thread.ofVirtual().name("turn-" + line.id()).start(() -> {
            running.add(Thread.currentThread());
            Outcome outcome;
            try {
                outcome = closed ? new Outcome.Dropped("shutting down before the turn ran") : work.call();
            } catch (InterruptedException e) {
                outcome = new Outcome.Dropped("shutting down");
            } catch (Exception | Error e) {
                log.error("[{}] turn failed unexpectedly: {}", line.id(), e.toString(), e);
                outcome = new Outcome.Failed("unexpected: " + e);
            }
            try {
                if (closed && outcome instanceof Outcome.Failed) {
                    outcome = new Outcome.Dropped("shutting down while the turn ran");
                }
                listener.onOutcome(line.outcome(clock.instant(), outcome));
            } finally {
                running.remove(Thread.currentThread());
                done.run();
            }
        });
    }

    /** Turns running now. */
    public int running() {
        return running.size();
    }

    /**
     * Interrupts the turns still running (their model calls and deliveries end) and waits a little
     * for each to report its outcome, so no plugin is called after the plugins are unloaded.
     */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread thread : java.util.List.copyOf(running)) {
            thread.interrupt();
        }
        for (Thread thread : java.util.List.copyOf(running)) {
            try {
                thread.join(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!running.isEmpty()) {
            log.warn("{} turn(s) still running at shutdown; their outcomes may be missing", running.size());
        }
    }

    private Outcome run(ReadyTurn turn, ReplySink sink, TurnListener listener) throws InterruptedException {
        String id = turn.line().id();
        Optional<Answer> answer = providers.complete(turn.request(), turn.preferProvider());
        if (answer.isEmpty()) {
            return new Outcome.Failed("no provider answered (each attempt is logged above)");
        }
        var completion = answer.get().completion();
        if (guard.containsSecret(completion.text())) {
            return new Outcome.Dropped("the answer from " + answer.get().provider()
                    + " contains a configured secret (API key or password)");
        }
        List<String> parts = guard.check(formatters.format(completion.text(), turn.format()), id);
        if (parts.isEmpty()) {
            return new Outcome.Dropped("nothing left to say after formatting; the model said: " + abbreviate(completion.text()));
        }
        return deliver(turn.line(), new Reply(parts, turn.domain(), turn.robotChannel(), id), sink, listener,
                answer.get().provider(), completion.latency(), completion.usage().promptTokens(),
                completion.usage().completionTokens());
    }

    private static Outcome deliver(ReadyTurn.LineRef line, Reply reply, ReplySink sink, TurnListener listener, String provider,
                                   Duration latency, long tokensIn, long tokensOut) throws InterruptedException {
        ReplySink.PartObserver parts = (index, of, text, at) -> listener.onPartSent(
                new PartSent(line.id(), line.channel(), index, of, text, at));
        return switch (sink.deliver(reply, parts)) {
            case Delivery.Delivered d -> new Outcome.Answered(provider, latency, tokensIn, tokensOut, d.parts());
            case Delivery.Undelivered u -> new Outcome.Dropped("reply not delivered (" + u.partsSent() + " of "
                    + reply.parts().size() + " part(s) sent): " + u.reason());
        };
    }

    private static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
