package dev.kryten.llm.command;

/** Where a chat command came from. */
public enum CommandSource {
    /** A line in the channel; the rank is the sender's CyTube rank. */
    CHAT,
    /** A private message to the bot; the rank is the sender's CyTube rank in the channel. */
    PM,
    /** A request on the host's NATS command subject; callers are trusted as NATS permits them (highest rank). */
    NATS
}
