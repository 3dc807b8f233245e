package dev.kryten.llm.script;

/**
 * A trigger's "yes, answer this".
 *
 * @param trigger         the trigger file's id (file name without {@code .js})
 * @param name            the match name the script gave (defaults to the trigger id); limits are kept per name
 * @param priority        higher wins when several triggers match; default 5
 * @param probability     chance (0–1) to really answer once matched; default 1
 * @param context         a hint for the prompt, e.g. "User is asking about kung fu movies."; may be empty
 * @param text            what the user said, as the prompt should see it (e.g. without the bot's name)
 * @param preferProvider  a provider name to try first, or null
 * @param cooldownSeconds least seconds between two answers from this match name; 0 for none
 * @param maxPerHour      most answers from this match name in any hour; 0 for no limit
 */
public record TriggerMatch(String trigger, String name, double priority, double probability, String context, String text,
                           String preferProvider, double cooldownSeconds, int maxPerHour) {

    /** The key limits are kept under: file and match name. */
    public String limitKey() {
        return trigger + ":" + name;
    }
}
