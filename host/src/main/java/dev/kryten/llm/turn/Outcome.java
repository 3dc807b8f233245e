package dev.kryten.llm.turn;

import java.time.Duration;
import java.util.List;

/**
 * How one chat line (or one media change) ended. Every line that reaches a lane ends in exactly
 * one of these, reported once to the {@link TurnListener}s.
 */
public sealed interface Outcome {
    /** A short lower-case name for logs, metrics and the response log: ignored, not_triggered, ... */
    String kind();

    /** The line is not for the bot at all: its own echo, replayed history, a server notice, a malformed payload. */
    record Ignored(String reason) implements Outcome {
        @Override
        public String kind() {
            return "ignored";
        }
    }

    /** No trigger matched the line. */
    record NotTriggered() implements Outcome {
        @Override
        public String kind() {
            return "not_triggered";
        }
    }

    /**
     * A trigger matched but a rule said no: {@code busy} (the channel's turn queue is full),
     * {@code probability}, {@code cooldown}, {@code per_hour}.
     *
     * @param rule   which rule, one of the names above
     * @param detail what a person reads in the log, e.g. "trigger 'mention' cooldown active"
     */
    record Refused(String rule, String detail) implements Outcome {
        @Override
        public String kind() {
            return "refused";
        }
    }

    /**
     * The reply was delivered: Kryten-Robot acknowledged every part.
     *
     * @param provider         the provider that answered, or {@code command:<name>} for a fixed command reply
     * @param latency          the model call's latency (zero for a command)
     * @param promptTokens     tokens in, as the provider reported them
     * @param completionTokens tokens out
     * @param parts            the chat lines sent, in order
     */
    record Answered(String provider, Duration latency, long promptTokens, long completionTokens, List<String> parts)
            implements Outcome {
        public Answered {
            parts = List.copyOf(parts);
        }

        @Override
        public String kind() {
            return "answered";
        }
    }

    /** Something broke: the prompt script, every provider, the turn itself. */
    record Failed(String reason) implements Outcome {
        @Override
        public String kind() {
            return "failed";
        }
    }

    /**
     * Work was thrown away on purpose, with the reason: a queued turn replaced by the same user's
     * newer line or grown stale, a reply the guard refused, the Robot away for too long, shutdown.
     */
    record Dropped(String reason) implements Outcome {
        @Override
        public String kind() {
            return "dropped";
        }
    }
}
