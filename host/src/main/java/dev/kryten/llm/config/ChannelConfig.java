package dev.kryten.llm.config;

/**
 * One entry of {@code channels}: a CyTube channel the bot lives in.
 *
 * @param domain      [{@code domain}] the CyTube server, e.g. {@code cytu.be}, exactly as Kryten-Robot is configured
 * @param channel     [{@code channel}] the channel name, exactly as Kryten-Robot is configured (case kept)
 * @param personality [{@code personality}] optional personality file for this channel; null means the global one
 */
public record ChannelConfig(String domain, String channel, String personality) {}
