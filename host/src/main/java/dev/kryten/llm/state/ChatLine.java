package dev.kryten.llm.state;

/**
 * One line of channel chat as the bot remembers it.
 *
 * @param user   sender's name
 * @param text   plain text (entities decoded)
 * @param timeMs CyTube time, ms since the epoch
 * @param fromBot whether the bot itself said it
 */
public record ChatLine(String user, String text, long timeMs, boolean fromBot) {}
