package dev.kryten.llm.command;

/**
 * One call of a chat command.
 *
 * @param channel the channel it acts on, as configured
 * @param user    who called it (for NATS: the service name)
 * @param rank    the caller's CyTube rank (-1 unknown; {@link Double#MAX_VALUE} for NATS)
 * @param args    what followed the command's name, trimmed ("" for none)
 * @param source  chat, PM or NATS
 */
public record Invocation(String channel, String user, double rank, String args, CommandSource source) {}
