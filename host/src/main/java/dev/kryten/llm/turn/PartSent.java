package dev.kryten.llm.turn;

import java.time.Instant;

/**
 * One chat line of a reply, acknowledged by Kryten-Robot.
 *
 * @param id      the turn's correlation id
 * @param channel the channel, as configured
 * @param index   0-based position of this part in its reply
 * @param of      how many parts the reply has
 * @param text    the line said
 * @param at      when the Robot's acknowledgement arrived
 */
public record PartSent(String id, String channel, int index, int of, String text, Instant at) {}
