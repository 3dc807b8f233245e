package dev.kryten.llm.turn;

import java.time.Instant;

/**
 * One line's outcome with what it was about.
 *
 * @param id      the line's correlation id (every log line of its turn carries it)
 * @param channel the channel, as configured
 * @param user    who wrote the line; null for a media change
 * @param text    what they wrote (decoded); for a media change, the media title
 * @param trigger the matching trigger's match name, or null when none matched (or before triggers ran)
 * @param at      when the outcome was reached
 * @param outcome how it ended
 */
public record LineOutcome(String id, String channel, String user, String text, String trigger, Instant at, Outcome outcome) {}
