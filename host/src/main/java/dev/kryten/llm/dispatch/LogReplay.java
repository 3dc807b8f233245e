package dev.kryten.llm.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.api.ChatMessage;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.kryten.ChatEvent;
import dev.kryten.llm.kryten.Envelope;
import dev.kryten.llm.kryten.EventDecoder;
import dev.kryten.llm.kryten.MalformedEventException;
import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.script.Personas;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.state.ChannelState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code kryten-llm replay}: feeds a chat log through the same {@link LineDecider} as the live bot
 * (state, ignore rules, triggers, probability, trigger limits, prompt) without NATS or a model, and
 * prints which lines would have been answered, by which trigger, with which prompt. Each input line
 * is a Kryten envelope (JSON), a wire-capture record ({@code {"subject", "data"}}) or {@code user: text}.
 */
public final class LogReplay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BotConfig config;
    private final ScriptEngine engine;
    private final ScriptLibrary library;
    private final long intervalMs;
    private final boolean showPrompts;
    private final java.util.random.RandomGenerator random;

    /** @param intervalMs time assumed between lines that carry no time of their own */
    public LogReplay(BotConfig config, ScriptEngine engine, ScriptLibrary library, long intervalMs, boolean showPrompts) {
        this(config, engine, library, intervalMs, showPrompts, java.util.random.RandomGenerator.getDefault());
    }

    /** @param random decides trigger probabilities (a seeded one makes a replay repeatable) */
    public LogReplay(BotConfig config, ScriptEngine engine, ScriptLibrary library, long intervalMs, boolean showPrompts,
                     java.util.random.RandomGenerator random) {
        this.random = random;
        this.config = config;
        this.engine = engine;
        this.library = library;
        this.intervalMs = intervalMs;
        this.showPrompts = showPrompts;
    }

    /** Replays; returns the number of lines that would have been answered. */
    public int run(BufferedReader in, PrintStream out) throws IOException {
        String channel = config.channels().getFirst().channel();
        var resolver = new Personas(config.personality());
        String account = resolver.accountName(library.current());
        EventDecoder decoder = new EventDecoder();
        IncomingFilter filter = IncomingFilter.ignoringTime(account);
        Map<String, Integer> byTrigger = new TreeMap<>();
        int lineNo = 0;
        int chats = 0;
        int answered = 0;
        long clock = System.currentTimeMillis();
        String personality = Optional.ofNullable(config.channels().getFirst().personality()).orElse(config.personality().preset());
        try (LineDecider decider = new LineDecider(channel, engine, library, resolver, personality, account,
                new ChannelState(channel, config.chatHistorySize()), config.scriptLimits(), random)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                clock += intervalMs;
                Envelope envelope;
                String subject = Subjects.event(channel, "chatMsg");
                try {
                    if (text.startsWith("{")) {
                        JsonNode node = JSON.readTree(text);
                        if (node.has("subject") && node.has("data")) {
                            subject = node.path("subject").asText();
                            if (!subject.startsWith("kryten.events.")) {
                                continue;
                            }
                            node = node.path("data");
                        }
                        envelope = decoder.envelope(subject, node.toString().getBytes(StandardCharsets.UTF_8));
                    } else {
                        int colon = text.indexOf(": ");
                        if (colon <= 0) {
                            out.println("#" + lineNo + " skipped: not `user: text` nor JSON");
                            continue;
                        }
                        var payload = JSON.createObjectNode().put("username", text.substring(0, colon))
                                .put("msg", text.substring(colon + 2)).put("time", clock);
                        payload.putObject("meta");
                        envelope = new Envelope("chatMsg", payload, channel, null, null, null);
                    }
                } catch (IOException | MalformedEventException e) {
                    out.println("#" + lineNo + " skipped: " + e.getMessage());
                    continue;
                }
                String event = envelope.eventName().toLowerCase(Locale.ROOT);
                Optional<LineDecider.Decision> decision = Optional.empty();
                String who;
                if (event.equals("chatmsg")) {
                    ChatEvent chat;
                    try {
                        chat = decoder.chat(subject, envelope);
                    } catch (MalformedEventException e) {
                        out.println("#" + lineNo + " skipped: " + e.getMessage());
                        continue;
                    }
                    long at = chat.timeMs() > 0 ? chat.timeMs() : clock;
                    clock = Math.max(clock, at);
                    chats++;
                    who = chat.username() + ": " + chat.text();
                    switch (filter.check(chat, at)) {
                        case ANSWERABLE -> decision = decider.decideNow(decider.chat(chat, at), chat.username(), chat.text(), at);
                        case OWN_ECHO -> decider.ownLine(chat);
                        default -> { }
                    }
                } else {
                    who = "(" + envelope.eventName() + ")";
                    if (decider.state().apply(event, envelope.payload(), clock) && event.equals("changemedia")) {
                        who = "(changeMedia: " + envelope.payload().path("title").asText() + ")";
                        decision = decider.decideNow(decider.media(clock), null, envelope.payload().path("title").asText(), clock);
                    }
                }
                if (decision.isPresent()) {
                    answered++;
                    var d = decision.get();
                    byTrigger.merge(d.match().name(), 1, Integer::sum);
                    out.println("#" + lineNo + " " + who);
                    out.println("    → " + d.match().name() + " (trigger " + d.match().trigger() + ", priority "
                            + fmt(d.match().priority()) + (d.match().context().isEmpty() ? "" : ", context: " + d.match().context()) + ")");
                    if (showPrompts) {
                        for (ChatMessage m : d.prompt()) {
                            out.println("      [" + m.role().wireName() + "] " + m.content().replace("\n", "\n        "));
                        }
                    }
                }
            }
        }
        out.println(chats + " chat line(s) read, " + answered + " would have been answered" + (byTrigger.isEmpty() ? "" : ": " + byTrigger));
        return answered;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
