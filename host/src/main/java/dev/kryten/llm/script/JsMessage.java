package dev.kryten.llm.script;

import org.graalvm.polyglot.HostAccess;

/**
 * The chat line a trigger sees ({@code message} in {@code scripts/types/kryten.d.ts}). Fields are
 * read-only; nothing else of the host is reachable through it.
 */
public final class JsMessage {
    /** The sender's CyTube name. */
    @HostAccess.Export public final String user;
    /** The text with HTML entities decoded and tags removed. */
    @HostAccess.Export public final String text;
    /** CyTube's time of the line, ms since the epoch. */
    @HostAccess.Export public final double time;
    /** The sender's CyTube rank if known from the userlist (0 guest, 1 registered, 2 mod, 3+ admin), else -1. */
    @HostAccess.Export public final double rank;
    /** Whether it was a {@code /me} line. */
    @HostAccess.Export public final boolean action;
    /** Whether the line names the bot (its chat name or a name variation, as a whole word, any case). */
    @HostAccess.Export public final boolean mentionsBot;

    private final String lowerText;
    private final MentionMatcher mentions;

    public JsMessage(String user, String text, double time, double rank, boolean action, boolean mentionsBot) {
        this(user, text, text.toLowerCase(java.util.Locale.ROOT), time, rank, action, mentionsBot, null);
    }

    /**
     * @param lowerText {@code text} lower-cased, when the caller has it already (computed once per line)
     * @param mentions  the bot's names, for {@link #withoutMentions()}; null when unknown
     */
    public JsMessage(String user, String text, String lowerText, double time, double rank, boolean action, boolean mentionsBot,
                     MentionMatcher mentions) {
        this.mentions = mentions;
        this.user = user;
        this.text = text;
        this.lowerText = lowerText;
        this.time = time;
        this.rank = rank;
        this.action = action;
        this.mentionsBot = mentionsBot;
    }

    /** The text without the bot's names (and an {@code @} before, one punctuation mark after each), computed in Java. */
    @HostAccess.Export
    public String withoutMentions() {
        return mentions == null ? text : mentions.strip(text);
    }

    /** The text lower-cased (host side only: prefilters and rules match on it). */
    public String lowerText() {
        return lowerText;
    }
}
