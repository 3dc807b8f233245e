package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.api.Persona;
import dev.kryten.llm.nats.ChatEvent;
import dev.kryten.llm.nats.Envelope;
import dev.kryten.llm.nats.EventDecoder;
import dev.kryten.llm.nats.MalformedEventException;
import dev.kryten.llm.script.JsChannelView;
import dev.kryten.llm.script.JsMessage;
import dev.kryten.llm.script.LaneScripts;
import dev.kryten.llm.script.MentionMatcher;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.script.ScriptException;
import dev.kryten.llm.script.TriggerMatch;
import dev.kryten.llm.send.ChatSender;
import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.state.ChatLine;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's ordered lane: a thread of its own reads the channel's events from a NATS
 * subscription (bounded by NATS pending limits), and runs, in order: decode → channel state →
 * ignore rules → triggers (JS) → prompt (JS). A match becomes a {@link Turn} handed to the
 * {@link TurnRunner}; nothing slow happens on this thread. Any failure with one message is
 * logged with its subject and the lane goes on with the next.
 */
final class ChannelLane implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ChannelLane.class);
    static final int PENDING_MESSAGE_LIMIT = 65_536;
    static final long PENDING_BYTE_LIMIT = 64L * 1024 * 1024;

    private final String channel;
    private final Subscription subscription;
    private final EventDecoder decoder = new EventDecoder();
    private final ChannelState state;
    private final IncomingFilter filter;
    private final Personality personality;
    private final MentionMatcher mentions;
    private final LaneScripts scripts;
    private final FormatContext formatContext;
    private final ChatSender sender;
    private final TurnRunner turns;
    private volatile boolean running = true;

    ChannelLane(String channel, Subscription subscription, ChannelState state, IncomingFilter filter, Personality personality,
                LaneScripts scripts, FormatContext formatContext, ChatSender sender, TurnRunner turns) {
        this.channel = channel;
        this.subscription = subscription;
        this.state = state;
        this.filter = filter;
        this.personality = personality;
        this.mentions = new MentionMatcher(personality.mentionNames());
        this.scripts = scripts;
        this.formatContext = formatContext;
        this.sender = sender;
        this.turns = turns;
        subscription.setPendingLimits(PENDING_MESSAGE_LIMIT, PENDING_BYTE_LIMIT);
    }

    @Override
    public void run() {
        while (running) {
            Message message;
            try {
                message = subscription.nextMessage(Duration.ofMillis(250));
            } catch (InterruptedException e) {
                break;
            } catch (IllegalStateException closed) {
                break; // subscription or connection closed: shutting down
            }
            if (message != null) {
                handle(message.getSubject(), message.getData());
            }
        }
        scripts.close();
    }

    /** Handles one NATS message; never throws. */
    void handle(String subject, byte[] body) {
        try {
            Envelope envelope = decoder.envelope(subject, body);
            String event = envelope.eventName().toLowerCase(Locale.ROOT);
            long now = System.currentTimeMillis();
            if (event.equals("chatmsg")) {
                onChat(decoder.chat(subject, envelope), now);
            } else {
                state.apply(event, envelope.payload(), now);
            }
        } catch (MalformedEventException e) {
            log.warn("{}: skipped", e.getMessage());
        } catch (RuntimeException e) {
            log.error("unexpected failure on {}; the lane goes on: {}", subject, e.toString(), e);
        }
    }

    private void onChat(ChatEvent event, long now) {
        IncomingFilter.Verdict verdict = filter.check(event, now);
        switch (verdict) {
            case OWN_ECHO -> state.addChat(new ChatLine(event.username(), event.text(), event.timeMs(), true));
            case REPLAY -> state.addChat(new ChatLine(event.username(), event.text(), event.timeMs(), false));
            case ANSWERABLE -> answerIfTriggered(event, now);
            default -> log.debug("not answering {} in {}: {}", event.username(), channel, verdict);
        }
    }

    private void answerIfTriggered(ChatEvent event, long now) {
        JsMessage message = new JsMessage(event.username(), event.text(), event.timeMs(), state.rankOf(event.username()),
                event.action(), mentions.mentions(event.text()));
        JsChannelView view = new JsChannelView(state, personality, now);
        Optional<TriggerMatch> match = scripts.match(message, view);
        // the line joins the history after the triggers ran, so "recent" means "before this line"
        state.addChat(new ChatLine(event.username(), event.text(), event.timeMs(), false));
        if (match.isEmpty()) {
            return;
        }
        String correlationId = UUID.randomUUID().toString().substring(0, 8);
        try {
            var prompt = scripts.prompt(match.get(), message, view);
            var request = new CompletionRequest(prompt, match.get().text(), new Persona(personality.name(), personality.stockLines()),
                    event.channel() == null ? channel : event.channel(), correlationId);
            log.info("[{}] {} in {} matched {} ({})", correlationId, event.username(), channel, match.get().trigger(),
                    match.get().name());
            turns.submit(new Turn(request, match.get(), event.username(), event.domain(), event.channel()), formatContext, sender);
        } catch (ScriptException e) {
            log.error("[{}] prompt failed, not answering {}: {}", correlationId, event.username(), e.getMessage());
        }
    }

    void stop() {
        running = false;
    }
}
