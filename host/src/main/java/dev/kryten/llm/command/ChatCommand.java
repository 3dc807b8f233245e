package dev.kryten.llm.command;

/**
 * A command people can give the bot, in chat ({@code !persona projectionist}), by PM, or over NATS.
 *
 * @param name    the word that calls it, e.g. {@code !persona} (matched in any case)
 * @param minRank the CyTube rank needed to call it at all (0: everyone; finer checks are the handler's)
 * @param summary one line for help listings
 * @param handler what it does; runs on the channel's lane thread
 */
public record ChatCommand(String name, double minRank, String summary, Handler handler) {
    /** Does the command's work and returns the one line to answer with. */
    @FunctionalInterface
    public interface Handler {
        String handle(Invocation call, ChannelControl channel);
    }
}
