package dev.kryten.llm.turn;

import dev.kryten.llm.script.TriggerMatch;
import java.util.List;

/**
 * A line the triggers want answered, admitted to its channel's queue but not started: no prompt
 * is built and no trigger limit is charged until it starts.
 *
 * @param id           correlation id
 * @param user         who is answered; null for a media change
 * @param text         the line (or the media title)
 * @param matches      the matches that passed probability and a limits check, best first (never empty)
 * @param historyMark  the channel's line count before this line, so the prompt sees history as it was
 * @param admittedAtMs when it was admitted, for the staleness limit
 * @param domain       the Robot's domain, from the event
 * @param robotChannel the Robot's channel spelling, from the event
 */
public record PendingTurn(String id, String user, String text, List<TriggerMatch> matches, long historyMark,
                          long admittedAtMs, String domain, String robotChannel) {
    public PendingTurn {
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("a pending turn needs a match");
        }
    }

    /** The best match's priority: what the queue compares when it must make room. */
    public double priority() {
        return matches.getFirst().priority();
    }

    /** The best match's name, for outcomes. */
    public String trigger() {
        return matches.getFirst().name();
    }
}
