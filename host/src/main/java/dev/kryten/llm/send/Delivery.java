package dev.kryten.llm.send;

import java.util.List;

/** What became of one reply handed to a {@link ReplySink}. */
public sealed interface Delivery {
    /** Every part was acknowledged, in order. */
    record Delivered(List<String> parts) implements Delivery {
        public Delivered {
            parts = List.copyOf(parts);
        }
    }

    /**
     * The reply was given up.
     *
     * @param partsSent how many parts went out before it was given up
     * @param reason    why, for the dropped outcome
     */
    record Undelivered(int partsSent, String reason) implements Delivery {}
}
