package dev.kryten.llm.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bot knows about one channel: recent chat, who is present with which rank, what is
 * playing and what the bot said lately. Fed from Kryten events. Owned by its channel's lane
 * thread: not thread-safe, and it needs no locks because only that thread touches it.
 */
public final class ChannelState {
    private static final int BOT_REPLIES_KEPT = 10;

    private final String channel;
    private final int historySize;
    private final Deque<ChatLine> recent;
    private final Deque<String> botReplies = new ArrayDeque<>(BOT_REPLIES_KEPT);
    private final Map<String, Double> ranks = new LinkedHashMap<>();
    private Media media;
    private Media previousMedia;
    private int linesSinceBotSpoke;
    /** Lines ever added; the line at the head of {@code recent} is number {@code added - recent.size()}. */
    private long added;

    public ChannelState(String channel, int historySize) {
        this.channel = channel;
        this.historySize = historySize;
        this.recent = new ArrayDeque<>(historySize);
    }

    public String channel() {
        return channel;
    }

    /** Records a chat line; the bot's own lines also go to {@link #botReplies()}. */
    public void addChat(ChatLine line) {
        if (recent.size() == historySize) {
            recent.removeFirst();
        }
        recent.addLast(line);
        added++;
        linesSinceBotSpoke = line.fromBot() ? 0 : linesSinceBotSpoke + 1;
        if (line.fromBot()) {
            if (botReplies.size() == BOT_REPLIES_KEPT) {
                botReplies.removeFirst();
            }
            botReplies.addLast(line.text());
        }
    }

    /**
     * Applies a non-chat event (lower-cased name); unknown events are ignored.
     *
     * @return true when this was a {@code changeMedia} to different media (not a re-announcement of
     *         what is already playing, as after a reconnect)
     */
    public boolean apply(String event, JsonNode payload, long nowMs) {
        switch (event) {
            case "userlist" -> {
                ranks.clear();
                if (payload.isArray()) {
                    payload.forEach(this::putUser);
                }
            }
            case "adduser" -> putUser(payload);
            case "userleave" -> ranks.remove(payload.path("name").asText(""));
            case "setuserrank" -> {
                String name = payload.path("name").asText("");
                if (!name.isEmpty() && payload.path("rank").isNumber()) {
                    ranks.put(name, payload.path("rank").asDouble());
                }
            }
            case "changemedia" -> {
                if (payload.isObject()) {
                    Media next = new Media(payload.path("title").asText(""), payload.path("seconds").asInt(0),
                            payload.path("type").asText(""), payload.path("id").asText(""), nowMs,
                            payload.path("currentTime").asDouble(0));
                    boolean changed = media == null || !media.id().equals(next.id()) || !media.type().equals(next.type());
                    if (changed) {
                        previousMedia = media;
                    }
                    media = next;
                    return changed;
                }
            }
            case "mediaupdate" -> {
                if (media != null && payload.path("currentTime").isNumber()) {
                    media = new Media(media.title(), media.seconds(), media.type(), media.id(), nowMs,
                            payload.path("currentTime").asDouble());
                }
            }
            default -> { }
        }
        return false;
    }

    private void putUser(JsonNode user) {
        String name = user.path("name").asText("");
        if (!name.isEmpty()) {
            ranks.put(name, user.path("rank").asDouble(0));
        }
    }

    /** The user's CyTube rank if known from the userlist (0 guest, 1 registered, 2 moderator, 3+ admin), else -1. */
    public double rankOf(String user) {
        Double rank = ranks.get(user);
        return rank == null ? -1 : rank;
    }

    public List<ChatLine> recentLines() {
        return Collections.unmodifiableList(new ArrayList<>(recent));
    }

    /** How many chat lines were ever added: a mark that {@link #recentLinesBefore(long)} cuts history at. */
    public long linesAdded() {
        return added;
    }

    /** The kept lines added before the line numbered {@code mark} (as history was when {@link #linesAdded()} was {@code mark}). */
    public List<ChatLine> recentLinesBefore(long mark) {
        long newerThanMark = added - mark;
        if (newerThanMark <= 0) {
            return recentLines();
        }
        int keep = (int) Math.max(0, recent.size() - newerThanMark);
        List<ChatLine> out = new ArrayList<>(keep);
        var it = recent.iterator();
        for (int i = 0; i < keep; i++) {
            out.add(it.next());
        }
        return Collections.unmodifiableList(out);
    }

    public List<String> users() {
        return List.copyOf(ranks.keySet());
    }

    public List<String> botReplies() {
        return List.copyOf(botReplies);
    }

    /** Chat lines since the bot's own last line (all lines ever, if it has not spoken). */
    public int linesSinceBotSpoke() {
        return linesSinceBotSpoke;
    }

    /** What played before the current media, or null. */
    public Media previousMedia() {
        return previousMedia;
    }

    /** What is playing, or null when no {@code changeMedia} was seen yet. */
    public Media media() {
        return media;
    }
}
