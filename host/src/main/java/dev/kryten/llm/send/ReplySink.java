package dev.kryten.llm.send;

import java.time.Instant;

/**
 * Where one channel's replies go: Kryten-Robot's {@code say} ({@link NatsReplySink}), or only the
 * log ({@link DryRunSink}). {@link #deliver} is called on a turn's virtual thread and blocks it
 * until the reply is out or given up; replies of one channel go out one at a time, in the order
 * their turns reach the sink.
 */
public interface ReplySink extends AutoCloseable {
    /** Told about each part as it is acknowledged. */
    @FunctionalInterface
    interface PartObserver {
        /**
         * @param index 0-based position of the part in its reply
         * @param of    how many parts the reply has
         */
        void sent(int index, int of, String text, Instant at);
    }

    /**
     * Says a reply's parts in order and reports each acknowledged part to {@code observer}.
     * Never throws for a delivery problem: that is an {@link Delivery.Undelivered} with the reason.
     */
    Delivery deliver(Reply reply, PartObserver observer) throws InterruptedException;

    /** Stops: replies being delivered end as undelivered ("shutting down"). */
    @Override
    void close();
}
