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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says one channel's replies through Kryten-Robot: each part is a {@code say} request on
 * {@link Subjects#ROBOT_COMMAND}, and it counts as sent only when the Robot answers
 * {@code success: true} (kryten-protocol.md §3.3). Paced like kryten-py: at least
 * {@code chat_min_delay} plus up to {@code chat_jitter} between any two lines, and
 * {@code split_delay_seconds} between the parts of one reply. While the Robot is away (stopped:
 * nobody answers; or not connected to CyTube; or NATS itself is disconnected) the part is asked
 * again every second, for at most {@code robot_wait_seconds} per reply; then the reply is given up
 * with the reason. A say that got no answer within {@code robot_ack_timeout_seconds} may have
 * been said, so it is not repeated (no line twice in chat), and a Robot that refuses for another
 * reason is not asked again. Replies of one channel take turns on a fair lock, so they go out in
 * the order they arrive and never interleave.
 */
public final class NatsReplySink implements ReplySink {
    private static final Logger log = LoggerFactory.getLogger(NatsReplySink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /** What the Robot answers while its CyTube socket is down (kryten-protocol.md §3.3): not said, worth asking again. */
    private static final String ROBOT_NOT_CONNECTED = "Not connected or sender not available";

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
        long giveUpAt = System.nanoTime() + pacing.robotWait().toNanos(); // one bound for the whole reply, lock wait included
        turnOrder.lockInterruptibly();
        try {
            for (int i = 0; i < reply.parts().size(); i++) {
                if (pause(nextSendNanos - System.nanoTime())) {
                    return new Delivery.Undelivered(i, "shutting down");
                }
                String part = reply.parts().get(i);
                String problem = sayUntilAcknowledged(reply, part, giveUpAt);
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

    /**
     * Null when the Robot acknowledged the part; otherwise why it was given up. A part is asked again
     * only when it certainly was not said: NATS not connected (nothing is sent then, so jnats' reconnect
     * buffer cannot replay copies), nobody subscribed (the Robot is stopped), or the Robot answering that
     * its CyTube connection is down. A request that timed out may have been said, so it is not repeated.
     */
    private String sayUntilAcknowledged(Reply reply, String part, long giveUpAt) throws InterruptedException {
        while (true) {
            if (closed.getCount() == 0) {
                return "shutting down";
            }
            String away;
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                away = "NATS is not connected";
            } else {
                Attempt attempt = ask(reply, part);
                switch (attempt) {
                    case Attempt.Acknowledged a -> {
                        if (robotAway) {
                            robotAway = false;
                            log.info("Kryten-Robot acknowledges {}'s replies again", channel);
                        }
                        return null;
                    }
                    case Attempt.Refused r -> {
                        return "Kryten-Robot refused the say: " + r.error();
                    }
                    case Attempt.NoAnswer n -> {
                        return "Kryten-Robot did not acknowledge a say within " + pacing.robotAckTimeout().toMillis()
                                + " ms (robot_ack_timeout_seconds); not sent again, since it may have been said";
                    }
                    case Attempt.Away a -> away = a.why();
                }
            }
            if (!robotAway) {
                robotAway = true;
                log.warn("[{}] {} for {}: holding the reply and asking again every {} s for up to {} s (robot_wait_seconds)",
                        reply.correlationId(), away, channel, RETRY_EVERY.toSeconds(), pacing.robotWait().toSeconds());
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                return away + "; gave up after robot_wait_seconds (" + pacing.robotWait().toSeconds() + " s)";
            }
            if (pause(Math.min(RETRY_EVERY.toNanos(), giveUpAt - System.nanoTime()))) {
                return "shutting down";
            }
        }
    }

    /** What one say request came to. */
    private sealed interface Attempt {
        record Acknowledged() implements Attempt {}

        /** Certainly not said: ask again while the Robot may come back. */
        record Away(String why) implements Attempt {}

        /** The Robot said no for another reason: asking again would not help. */
        record Refused(String error) implements Attempt {}

        /** Sent, but no answer in time: it may have been said. */
        record NoAnswer() implements Attempt {}
    }

    private Attempt ask(Reply reply, String part) throws InterruptedException {
        CompletableFuture<Message> answer;
        try {
            answer = connection.requestWithTimeout(Subjects.ROBOT_COMMAND, commands.say(part, reply.domain(), reply.channel()),
                    pacing.robotAckTimeout());
        } catch (RuntimeException e) {
            return new Attempt.Away("the say request could not be made: " + e.getMessage());
        }
        try {
            String refusal = refusal(answer.get(pacing.robotAckTimeout().toNanos(), TimeUnit.NANOSECONDS).getData());
            if (refusal == null) {
                return new Attempt.Acknowledged();
            }
            return refusal.contains(ROBOT_NOT_CONNECTED) ? new Attempt.Away("Kryten-Robot is not connected to CyTube")
                    : new Attempt.Refused(refusal);
        } catch (CancellationException noResponders) {
            return new Attempt.Away("Kryten-Robot is not listening (no responders)");
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Attempt.NoAnswer();
        } catch (ExecutionException e) {
            return new Attempt.Away("the say request failed: " + e.getCause());
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
