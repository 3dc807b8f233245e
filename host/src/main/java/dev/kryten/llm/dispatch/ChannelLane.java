package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.api.Persona;
import dev.kryten.llm.nats.ChatEvent;
import dev.kryten.llm.nats.Envelope;
import dev.kryten.llm.nats.EventDecoder;
import dev.kryten.llm.nats.MalformedEventException;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.send.ChatSender;
import dev.kryten.llm.send.Reply;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's ordered lane: a thread of its own reads the channel's events from a NATS
 * subscription (bounded by NATS pending limits) and, in order: decode → ignore rules →
 * {@link LineDecider} (state, JS triggers, limits, JS prompt). A decision becomes a turn for the
 * {@link TurnRunner}; nothing slow happens here. Work from other threads (a personality swap, a
 * script reload) is queued to this thread and runs between two messages, so no message is lost
 * or handled twice across a change. A failure with one message is logged with its subject and
 * the lane goes on with the next.
 */
final class ChannelLane implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ChannelLane.class);
    static final int PENDING_MESSAGE_LIMIT = 65_536;
    static final long PENDING_BYTE_LIMIT = 64L * 1024 * 1024;
    private static final Duration IDLE_POLL = Duration.ofMillis(100);

    private final String channel;
    private final Subscription subscription;
    private final EventDecoder decoder = new EventDecoder();
    private final LineDecider decider;
    private final IncomingFilter filter;
    private final PersonaCommand persona;
    private final int maxMessageLength;
    private final Map<String, Object> formatOptions;
    private final ChatSender sender;
    private final TurnRunner turns;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Messages handled; written by the lane thread only (release store), read by anyone. */
    private final java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running = true;

    ChannelLane(String channel, Subscription subscription, LineDecider decider, IncomingFilter filter, PersonaCommand persona,
                int maxMessageLength, Map<String, Object> formatOptions, ChatSender sender, TurnRunner turns) {
        this.channel = channel;
        this.subscription = subscription;
        this.decider = decider;
        this.filter = filter;
        this.persona = persona;
        this.maxMessageLength = maxMessageLength;
        this.formatOptions = formatOptions;
        this.sender = sender;
        this.turns = turns;
        subscription.setPendingLimits(PENDING_MESSAGE_LIMIT, PENDING_BYTE_LIMIT);
    }

    String channel() {
        return channel;
    }

    long handled() {
        return handled.get();
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
        } catch (RuntimeException | Error e) {
            log.error("lane {} stopped by an unexpected failure; this channel is no longer read: {}", channel, e.toString(), e);
        } finally {
            Runnable pending;
            while ((pending = tasks.poll()) != null) {
                pending.run(); // they complete (or fail) now rather than never
            }
            decider.close();
            log.info("lane {} stopped", channel);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{}: queued work failed: {}", channel, e.toString(), e);
            }
        }
    }

    /** Handles one NATS message; never throws. */
    void handle(String subject, byte[] body) {
        try {
            Envelope envelope = decoder.envelope(subject, body);
            String event = envelope.eventName().toLowerCase(Locale.ROOT);
            long now = System.currentTimeMillis();
            if (event.equals("chatmsg")) {
                onChat(decoder.chat(subject, envelope), now);
            } else if (decider.state().apply(event, envelope.payload(), now) && event.equals("changemedia")) {
                decider.media(now).ifPresent(d -> startTurn(d, envelope.domain(), envelope.channel()));
            }
        } catch (MalformedEventException e) {
            log.warn("{}: skipped", e.getMessage());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            log.error("unexpected failure on {}; the lane goes on: {}", subject, e.toString(), e);
        }
    }

    private void onChat(ChatEvent event, long now) {
        IncomingFilter.Verdict verdict = filter.check(event, now);
        switch (verdict) {
            case OWN_ECHO -> decider.ownLine(event);
            case REPLAY -> decider.historyLine(event);
            case ANSWERABLE -> {
                Optional<String> commandReply = persona.handle(event.username(), event.text(),
                        decider.state().rankOf(event.username()), decider);
                if (commandReply.isPresent()) {
                    decider.historyLine(event);
                    sender.submit(new Reply(List.of(commandReply.get()), event.domain(), event.channel(), "persona"));
                } else {
                    decider.chat(event, now).ifPresent(d -> startTurn(d, event.domain(), event.channel()));
                }
            }
            default -> log.debug("not answering {} in {}: {}", event.username(), channel, verdict);
        }
    }

    private void startTurn(LineDecider.Decision decision, String domain, String robotChannel) {
        String correlationId = UUID.randomUUID().toString().substring(0, 8);
        Personality personality = decision.personality();
        var request = new CompletionRequest(decision.prompt(), decision.match().text(),
                new Persona(personality.name(), personality.stockLines()), robotChannel == null ? channel : robotChannel, correlationId);
        List<String> names = new ArrayList<>(personality.nameVariations());
        names.add(decider.accountName());
        FormatContext format = new FormatContext(personality.name(), names, maxMessageLength, formatOptions);
        log.info("[{}] {} in {}: {} ({})", correlationId, decision.user() == null ? "media change" : decision.user(), channel,
                decision.match().trigger(), decision.match().name());
        turns.submit(new Turn(request, decision.match(), decision.user() == null ? "(media)" : decision.user(), domain,
                robotChannel), format, sender);
    }

    void stop() {
        running = false;
    }
}
