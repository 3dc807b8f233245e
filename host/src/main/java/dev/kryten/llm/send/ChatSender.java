package dev.kryten.llm.send;

import dev.kryten.llm.config.MessageProcessing;
import dev.kryten.llm.nats.KrytenCommands;
import dev.kryten.llm.nats.Subjects;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one channel's replies as {@code say} commands, paced like kryten-py: at least
 * {@code chat_min_delay} plus up to {@code chat_jitter} between any two lines, and
 * {@code split_delay_seconds} between the parts of one reply. Replies wait in a bounded queue;
 * when it is full the oldest waiting reply is dropped and logged, so a flood cannot grow memory.
 */
public final class ChatSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatSender.class);

    private final Connection connection;
    private final KrytenCommands commands;
    private final MessageProcessing pacing;
    private final BlockingQueue<Reply> queue;
    private final Thread worker;
    private volatile boolean running = true;
    private long nextSendNanos = System.nanoTime();

    public ChatSender(String channel, Connection connection, KrytenCommands commands, MessageProcessing pacing) {
        this.connection = connection;
        this.commands = commands;
        this.pacing = pacing;
        this.queue = new ArrayBlockingQueue<>(pacing.outboundQueue());
        this.worker = Thread.ofVirtual().name("send-" + channel).start(this::run);
    }

    /** Queues a reply; never blocks. After {@link #close()} the reply is logged as not sent. */
    public void submit(Reply reply) {
        if (!running) {
            log.warn("[{}] shutting down: not sent to {}: {}", reply.correlationId(), reply.channel(), reply.parts());
            return;
        }
        while (!queue.offer(reply)) {
            Reply dropped = queue.poll();
            if (dropped != null) {
                log.error("[{}] dropped a waiting reply to {}: outbound queue full ({} replies); lines lost: {}",
                        dropped.correlationId(), dropped.channel(), pacing.outboundQueue(), dropped.parts());
            }
        }
    }

    private void run() {
        while (running) {
            Reply reply;
            try {
                reply = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < reply.parts().size(); i++) {
                try {
                    waitUntil(nextSendNanos);
                } catch (InterruptedException e) {
                    log.warn("[{}] shutting down before sending {} line(s) to {}", reply.correlationId(),
                            reply.parts().size() - i, reply.channel());
                    return;
                }
                String line = reply.parts().get(i);
                try {
                    connection.publish(Subjects.ROBOT_COMMAND, commands.say(line, reply.domain(), reply.channel()));
                    log.info("[{}] said in {}: {}", reply.correlationId(), reply.channel(), line);
                } catch (RuntimeException e) {
                    log.error("[{}] could not publish a line to {}: {}", reply.correlationId(), reply.channel(), e.toString());
                }
                boolean morePartsFollow = i < reply.parts().size() - 1;
                nextSendNanos = System.nanoTime() + pause(morePartsFollow).toNanos();
            }
        }
    }

    private Duration pause(boolean withinReply) {
        Duration base = withinReply && pacing.splitDelay().compareTo(pacing.chatMinDelay()) > 0
                ? pacing.splitDelay() : pacing.chatMinDelay();
        long jitter = pacing.chatJitter().toNanos();
        return jitter <= 0 ? base : base.plusNanos(ThreadLocalRandom.current().nextLong(jitter + 1));
    }

    private static void waitUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        Reply left;
        while ((left = queue.poll()) != null) {
            log.warn("[{}] shutting down: not sent to {}: {}", left.correlationId(), left.channel(), left.parts());
        }
    }
}
