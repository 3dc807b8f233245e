package dev.kryten.llm.kryten;

import java.util.Locale;

/**
 * Kryten's NATS subject names. Channel and event tokens go through the same normalisation as
 * Kryten-Robot's {@code normalize_token} (kryten-protocol.md §1.2), so our subscriptions match
 * what the Robot publishes even for unusual channel names.
 */
public final class Subjects {
    /** Where every command for Kryten-Robot goes ({@code say}, {@code pm}, ...). */
    public static final String ROBOT_COMMAND = "kryten.robot.command";
    /** Kryten-Robot's lifecycle events; a (re)start means CyTube will replay recent chat. */
    public static final String ROBOT_LIFECYCLE = "kryten.lifecycle.robot.>";

    private static final int MAX_TOKEN_LENGTH = 100;
    private static final String REMOVED = "!@#$%^&*()+=[]{|}\\:;\"'<>,?/";

    private Subjects() {}

    /** Kryten's token normalisation: lower-case, drop dots, spaces to '-', drop wildcards and punctuation, cut to 100. */
    public static String normalizeToken(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '.' || REMOVED.indexOf(c) >= 0) {
                continue;
            }
            out.append(c == ' ' ? '-' : c);
        }
        return out.length() > MAX_TOKEN_LENGTH ? out.substring(0, MAX_TOKEN_LENGTH) : out.toString();
    }

    /** {@code kryten.events.cytube.<channel>.<event>}; the domain is not part of Kryten's subjects. */
    public static String event(String channel, String event) {
        return "kryten.events.cytube." + normalizeToken(channel) + "." + normalizeToken(event);
    }

    /** Every event of one channel: {@code kryten.events.cytube.<channel>.>}. */
    public static String allEvents(String channel) {
        return "kryten.events.cytube." + normalizeToken(channel) + ".>";
    }

    /** The last token of a subject: the lower-cased event name. */
    public static String lastToken(String subject) {
        return subject.substring(subject.lastIndexOf('.') + 1);
    }
}
