package dev.kryten.llm.dispatch;

import dev.kryten.llm.kryten.ChatEvent;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Decides which chat lines the bot may answer at all (kryten-protocol.md §6, item 4): not its own
 * echo, not {@code [server]} notices, not shadow-muted senders, and not history the bridge replays
 * when it (re)joins. Replayed lines come with fresh envelopes; only {@code payload.time} shows
 * they are old, so a line older than the host's start, than the Robot's last (re)connect, or than
 * {@code max_message_age_seconds}, or one seen before, is replay. One instance per lane.
 */
final class IncomingFilter {
    /** Why a line is not answered; {@link #ANSWERABLE} when it may be. */
    enum Verdict {
        ANSWERABLE("answerable"), OWN_ECHO("the bot's own line"), SERVER("a [server] notice"),
        SHADOW("the sender is shadow-muted"), REPLAY("replayed history"), DUPLICATE("seen before (a replay of a line seen live)");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Why a line with this verdict is not answered, for its outcome. */
        String reason() {
            return reason;
        }
    }

    private static final int SEEN_KEPT = 256;

    private final String botName;
    private final long maxAgeMs;
    private final ReplayWindow window;
    private final Set<String> seen = new LinkedHashSet<>();

    /** For offline replay of a log: the ignore rules without the time-based ones (every logged line is old). */
    static IncomingFilter ignoringTime(String botName) {
        return new IncomingFilter(botName, Long.MAX_VALUE, new ReplayWindow(0));
    }

    IncomingFilter(String botName, long maxAgeMs, ReplayWindow window) {
        this.botName = botName;
        this.maxAgeMs = maxAgeMs;
        this.window = window;
    }

    Verdict check(ChatEvent event, long nowMs) {
        if (event.username().equalsIgnoreCase(botName)) {
            return Verdict.OWN_ECHO; // CyTube names are unique regardless of case
        }
        if (event.username().equals("[server]")) {
            return Verdict.SERVER;
        }
        if (event.shadow()) {
            return Verdict.SHADOW;
        }
        if (!remember(event)) {
            return Verdict.DUPLICATE;
        }
        long time = event.timeMs();
        if (time > 0 && (time < window.notBeforeMs() || nowMs - time > maxAgeMs)) {
            return Verdict.REPLAY;
        }
        return Verdict.ANSWERABLE;
    }

    /** False when the same (user, time, text) was seen already: a replay of a line we saw live. */
    private boolean remember(ChatEvent event) {
        String key = event.username() + '\u0000' + event.timeMs() + '\u0000' + event.rawMsg();
        if (!seen.add(key)) {
            return false;
        }
        if (seen.size() > SEEN_KEPT) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
