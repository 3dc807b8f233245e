package dev.kryten.llm.dispatch;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.kryten.ChatEvent;
import dev.kryten.llm.kryten.EventDecoder;
import dev.kryten.llm.kryten.Subjects;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.state.ChannelState;
import java.util.List;

/**
 * A lane's per-message work without the NATS subscription, for the trigger-path benchmark: the
 * same decoder, ignore rules and {@link LineDecider} a live {@link ChannelLane} runs.
 */
public final class LaneBench implements AutoCloseable {
    private final String subject;
    private final EventDecoder decoder = new EventDecoder();
    private final IncomingFilter filter;
    private final LineDecider decider;

    public LaneBench(BotConfig config, ScriptEngine engine, ScriptLibrary library) {
        String channel = config.channels().getFirst().channel();
        var resolver = new dev.kryten.llm.script.Personas(config.personality());
        String account = resolver.accountName(library.current());
        this.subject = Subjects.event(channel, "chatMsg");
        this.filter = new IncomingFilter(account, config.messageProcessing().maxMessageAge().toMillis(), new ReplayWindow(0));
        this.decider = new LineDecider(channel, engine, library, resolver, config.personality().preset(), account,
                new ChannelState(channel, config.chatHistorySize()), config.scriptLimits(), new java.util.SplittableRandom(1));
    }

    /** Handles each message as the lane would; returns how many would have started a turn. */
    public long feed(List<byte[]> messages) {
        long decisions = 0;
        for (byte[] body : messages) {
            long now = System.currentTimeMillis();
            ChatEvent event = decoder.chat(subject, decoder.envelope(subject, body));
            if (filter.check(event, now) == IncomingFilter.Verdict.ANSWERABLE
                    && decider.decideNow(decider.chat(event, now), event.username(), event.text(), now).isPresent()) {
                decisions++;
            }
        }
        return decisions;
    }

    @Override
    public void close() {
        decider.close();
    }
}
