package dev.kryten.llm.config;

/**
 * The {@code admin} section: who may change the bot from chat.
 *
 * @param minRank        [{@code min_rank}] CyTube rank needed for admin chat commands, default 2 (moderator)
 * @param personaCommand [{@code persona_command}] the chat command that lists or swaps personalities, default {@code !persona}
 */
public record AdminConfig(double minRank, String personaCommand) {
    public static final double DEFAULT_MIN_RANK = 2;
    public static final String DEFAULT_PERSONA_COMMAND = "!persona";
}
