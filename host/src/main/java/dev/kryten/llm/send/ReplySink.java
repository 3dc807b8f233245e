package dev.kryten.llm.send;

import dev.kryten.llm.turn.TurnListener;

/**
 * Where one channel's replies go: Kryten-Robot's {@code say} ({@link NatsReplySink}), or only the
 * log ({@link DryRunSink}). {@link #deliver} is called on a turn's virtual thread and blocks it
 * until the reply is out or given up; replies of one channel go out one at a time, in the order
 * their turns reach the sink.
 */
public interface ReplySink extends AutoCloseable {
    /**
     * Says a reply's parts in order and reports each acknowledged part to {@code listener}.
     * Never throws for a delivery problem: that is an {@link Delivery.Undelivered} with the reason.
     */
    Delivery deliver(Reply reply, TurnListener listener) throws InterruptedException;

    /** Stops: replies being delivered end as undelivered ("shutting down"). */
    @Override
    void close();
}
