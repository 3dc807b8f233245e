package dev.kryten.llm.send;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink that says nothing: each part is logged as "would say" and reported as sent, so the whole
 * decision path (triggers, limits, model, formatting, guard) runs while the channel hears nothing.
 */
public final class DryRunSink implements ReplySink {
    private static final Logger log = LoggerFactory.getLogger(DryRunSink.class);

    private final String channel;
    private final Clock clock;

    public DryRunSink(String channel, Clock clock) {
        this.channel = channel;
        this.clock = clock;
    }

    @Override
    public Delivery deliver(Reply reply, PartObserver observer) {
        for (int i = 0; i < reply.parts().size(); i++) {
            String part = reply.parts().get(i);
            log.info("[{}] dry run, would say in {}: {}", reply.correlationId(), channel, part);
            observer.sent(i, reply.parts().size(), part, clock.instant());
        }
        return new Delivery.Delivered(reply.parts());
    }

    @Override
    public void close() {
    }
}
