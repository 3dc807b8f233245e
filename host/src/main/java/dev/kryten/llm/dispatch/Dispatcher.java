package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ChannelConfig;
import dev.kryten.llm.format.FormatterChain;
import dev.kryten.llm.guard.ReplyGuard;
import dev.kryten.llm.nats.KrytenCommands;
import dev.kryten.llm.nats.Subjects;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.script.LaneScripts;
import dev.kryten.llm.script.Personality;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptFile;
import dev.kryten.llm.send.ChatSender;
import dev.kryten.llm.state.ChannelState;
import io.nats.client.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core: one {@link ChannelLane} per configured channel, a shared {@link TurnRunner}, and the
 * watch on Kryten-Robot's lifecycle that tells lanes when CyTube is about to replay history.
 * The path of one message: {@link ChannelLane#handle} → {@link TurnRunner} → {@link ChatSender}.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final List<ChannelLane> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ChatSender> senders = new ArrayList<>();
    private final io.nats.client.Dispatcher lifecycle;

    /**
     * Subscribes and starts the lanes.
     *
     * @param personalities the personality for each channel
     * @param triggerFiles  the trigger scripts every lane evaluates
     * @param promptFile    the prompt builder
     */
    public Dispatcher(BotConfig config, Connection connection, ScriptEngine engine, Function<ChannelConfig, Personality> personalities,
                      List<ScriptFile> triggerFiles, ScriptFile promptFile, ProviderChain providers, FormatterChain formatters) {
        ReplayWindow replay = new ReplayWindow(System.currentTimeMillis());
        this.lifecycle = connection.createDispatcher(message -> {
            String event = Subjects.lastToken(message.getSubject());
            if (event.equals("startup") || event.equals("connected")) {
                replay.robotReconnected(System.currentTimeMillis());
                log.info("Kryten-Robot {}: chat older than now is treated as replayed history", event);
            }
        });
        lifecycle.subscribe(Subjects.ROBOT_LIFECYCLE);

        List<String> secrets = new ArrayList<>();
        config.providers().forEach(p -> secrets.add(p.apiKey()));
        secrets.add(config.nats().password());
        secrets.add(config.nats().token());
        ReplyGuard guard = new ReplyGuard(config.messageProcessing().maxMessageLength(), secrets);
        TurnRunner turns = new TurnRunner(providers, formatters, guard);
        KrytenCommands commands = new KrytenCommands(config.serviceName());

        for (ChannelConfig channel : config.channels()) {
            Personality personality = personalities.apply(channel);
            FormatContext format = new FormatContext(personality.name(), personality.nameVariations(),
                    config.messageProcessing().maxMessageLength(), config.formatting().options());
            ChatSender sender = new ChatSender(channel.channel(), connection, commands, config.messageProcessing());
            ChannelLane lane = new ChannelLane(channel.channel(),
                    connection.subscribe(Subjects.allEvents(channel.channel())),
                    new ChannelState(channel.channel(), config.chatHistorySize()),
                    new IncomingFilter(personality.name(), config.messageProcessing().maxMessageAge().toMillis(), replay),
                    personality,
                    new LaneScripts(engine, triggerFiles, promptFile, personality),
                    format, sender, turns);
            senders.add(sender);
            lanes.add(lane);
            threads.add(Thread.ofPlatform().name("lane-" + channel.channel()).daemon().start(lane));
            log.info("listening on {} as {} (personality {})", Subjects.allEvents(channel.channel()), personality.name(),
                    personality.id());
        }
    }

    @Override
    public void close() {
        lanes.forEach(ChannelLane::stop);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.forEach(ChatSender::close);
    }
}
