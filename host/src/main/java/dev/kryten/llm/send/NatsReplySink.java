package dev.kryten.llm.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kryten.llm.config.MessageProcessing;
import dev.kryten.llm.kryten.KrytenCommands;
import dev.kryten.llm.kryten.Subjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says one channel's replies through Kryten-Robot: each part is a {@code say} request on
 * {@link Subjects#ROBOT_COMMAND}, and it counts as sent only when the Robot answers
 * {@code success: true} (kryten-protocol.md §3.3). Paced like kryten-py: at least
 * {@code chat_min_delay} plus up to {@code chat_jitter} between any two lines, and
 * {@code split_delay_seconds} between the parts of one reply. While the Robot does not answer
 * (stopped, restarting, disconnected), the part is asked again every second for up to
 * {@code robot_wait_seconds}; then the reply is given up with the reason. A Robot that answers
 * with an error is not asked again. Replies of one channel take turns on a fair lock, so they go
 * out in the order they arrive and never interleave.
 */
public final class NatsReplySink implements ReplySink {
    private static final Logger log = LoggerFactory.getLogger(NatsReplySink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private final String channel;
    private final Connection connection;
    private final KrytenCommands commands;
    private final MessageProcessing pacing;
    private final Clock clock;
    private final RandomGenerator random;
    private final ReentrantLock turnOrder = new ReentrantLock(true);
    private final CountDownLatch closed = new CountDownLatch(1);
    private long nextSendNanos = System.nanoTime();
    private volatile boolean robotAway;

    public NatsReplySink(String channel, Connection connection, KrytenCommands commands, MessageProcessing pacing, Clock clock,
                         RandomGenerator random) {
        this.channel = channel;
        this.connection = connection;
        this.commands = commands;
        this.pacing = pacing;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Delivery deliver(Reply reply, PartObserver observer) throws InterruptedException {
        turnOrder.lockInterruptibly();
        try {
            for (int i = 0; i < reply.parts().size(); i++) {
                if (pause(nextSendNanos - System.nanoTime())) {
                    return new Delivery.Undelivered(i, "shutting down");
                }
                String part = reply.parts().get(i);
                String problem = sayUntilAcknowledged(reply, part);
                if (problem != null) {
                    return new Delivery.Undelivered(i, problem);
                }
                observer.sent(i, reply.parts().size(), part, clock.instant());
                nextSendNanos = System.nanoTime() + gap(i < reply.parts().size() - 1).toNanos();
            }
            return new Delivery.Delivered(reply.parts());
        } finally {
            turnOrder.unlock();
        }
    }

    /** Null when the Robot acknowledged the part; otherwise why it was given up. */
    private String sayUntilAcknowledged(Reply reply, String part) throws InterruptedException {
        long giveUpAt = System.nanoTime() + pacing.robotWait().toNanos();
        String why;
        while (true) {
            if (closed.getCount() == 0) {
                return "shutting down";
            }
            Message answer;
            try {
                answer = connection.request(Subjects.ROBOT_COMMAND, commands.say(part, reply.domain(), reply.channel()),
                        pacing.robotAckTimeout());
            } catch (RuntimeException e) {
                answer = null; // not connected, or the request could not be made: as good as no answer
                log.debug("[{}] say request failed: {}", reply.correlationId(), e.toString());
            }
            if (answer != null) {
                String refusal = refusal(answer.getData());
                if (refusal == null) {
                    if (robotAway) {
                        robotAway = false;
                        log.info("Kryten-Robot acknowledges {}'s replies again", channel);
                    }
                    return null;
                }
                return "Kryten-Robot refused the say: " + refusal;
            }
            why = "Kryten-Robot did not acknowledge a say within " + pacing.robotAckTimeout().toMillis() + " ms";
            if (!robotAway) {
                robotAway = true;
                log.warn("[{}] {} for {}; holding the reply and asking again every {} s for up to {} s (robot_wait_seconds)",
                        reply.correlationId(), why, channel, RETRY_EVERY.toSeconds(), pacing.robotWait().toSeconds());
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                return why + "; gave up after robot_wait_seconds (" + pacing.robotWait().toSeconds() + " s)";
            }
            if (pause(Math.min(RETRY_EVERY.toNanos(), giveUpAt - System.nanoTime()))) {
                return "shutting down";
            }
        }
    }

    /** The Robot's verdict: null for success, else its error text (both the top-level and the handler's, §3.3). */
    static String refusal(byte[] body) {
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (IOException e) {
            return "unreadable reply";
        }
        if (reply == null || !reply.path("success").asBoolean(false)) {
            return reply == null ? "empty reply" : reply.path("error").asText("success is not true");
        }
        JsonNode data = reply.path("data");
        if (data.has("error")) {
            return data.path("error").asText();
        }
        if (data.has("success") && !data.path("success").asBoolean()) {
            return "the Robot's handler reported no success";
        }
        return null;
    }

    private Duration gap(boolean withinReply) {
        Duration base = withinReply && pacing.splitDelay().compareTo(pacing.chatMinDelay()) > 0
                ? pacing.splitDelay() : pacing.chatMinDelay();
        long jitter = pacing.chatJitter().toNanos();
        return jitter <= 0 ? base : base.plusNanos(random.nextLong(jitter + 1));
    }

    /** Waits; true when the sink was closed meanwhile. */
    private boolean pause(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return closed.getCount() == 0;
        }
        return closed.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
