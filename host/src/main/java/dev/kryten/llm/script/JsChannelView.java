package dev.kryten.llm.script;

import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.state.ChatLine;
import dev.kryten.llm.state.Media;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The read-only channel a script sees ({@code channel} in {@code scripts/types/kryten.d.ts}).
 * Each member is built only when a script reads it, so a trigger that looks at nothing costs nothing.
 */
public final class JsChannelView implements ProxyObject {
    private static final List<String> KEYS = List.of("name", "bot", "users", "recent", "media", "botReplies",
            "linesSinceBotSpoke", "transcript");

    private final ChannelState state;
    private final Map<String, Object> bot;
    private final long nowMs;
    private final long historyMark;

    /**
     * @param bot   the bot as scripts see it: {@code name}, {@code names}, {@code personality}
     * @param nowMs the clock the media position is computed against
     */
    public JsChannelView(ChannelState state, Map<String, Object> bot, long nowMs) {
        this(state, bot, nowMs, Long.MAX_VALUE);
    }

    /**
     * A view whose history ends before line number {@code historyMark} ({@link ChannelState#linesAdded()}
     * when the line being answered arrived), so a turn that waited sees the chat as it was.
     */
    public JsChannelView(ChannelState state, Map<String, Object> bot, long nowMs, long historyMark) {
        this.state = state;
        this.bot = bot;
        this.nowMs = nowMs;
        this.historyMark = historyMark;
    }

    private List<ChatLine> lines() {
        return historyMark == Long.MAX_VALUE ? state.recentLines() : state.recentLinesBefore(historyMark);
    }

    /** The {@code bot} member for an account name and a personality (built once per personality, not per line). */
    public static Map<String, Object> botView(String accountName, Personality personality, List<String> mentionNames) {
        Map<String, Object> botView = new LinkedHashMap<>();
        botView.put("name", accountName);
        botView.put("names", mentionNames);
        botView.put("personality", personality.id());
        return botView;
    }

    @Override
    public Object getMember(String key) {
        return switch (key) {
            case "name" -> state.channel();
            case "bot" -> JsValues.toJs(bot);
            case "users" -> JsValues.toJs(state.users());
            case "recent" -> JsValues.toJs(recent());
            case "media" -> media();
            case "botReplies" -> JsValues.toJs(state.botReplies());
            case "linesSinceBotSpoke" -> state.linesSinceBotSpoke();
            case "transcript" -> (org.graalvm.polyglot.proxy.ProxyExecutable) args -> transcript(
                    args.length > 0 && args[0].fitsInInt() ? args[0].asInt() : 10);
            default -> null;
        };
    }

    /** The last {@code n} lines as "- user: text" lines, oldest first, built in Java (cheaper than reading {@code recent}). */
    private String transcript(int n) {
        List<ChatLine> lines = lines();
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, lines.size() - n); i < lines.size(); i++) {
            ChatLine line = lines.get(i);
            out.append(out.isEmpty() ? "" : "\n").append("- ").append(line.user()).append(": ").append(line.text());
        }
        return out.toString();
    }

    private List<Map<String, Object>> recent() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ChatLine line : lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user", line.user());
            m.put("text", line.text());
            m.put("time", (double) line.timeMs());
            m.put("fromBot", line.fromBot());
            lines.add(m);
        }
        return lines;
    }

    private Object media() {
        Media media = state.media();
        return media == null ? null : JsValues.toJs(mediaView(media, nowMs));
    }

    /** A media item as scripts see it: title, seconds, type, id, position. */
    public static Map<String, Object> mediaView(Media media, long nowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", media.title());
        m.put("seconds", media.seconds());
        m.put("type", media.type());
        m.put("id", media.id());
        m.put("position", media.positionAtMs() + Math.max(0, nowMs - media.startedAtMs()) / 1000.0);
        return m;
    }

    /** The first argument of {@code onMedia}: the new media plus {@code previous} (or null). */
    public static Object mediaChange(ChannelState state, long nowMs) {
        Map<String, Object> m = mediaView(state.media(), nowMs);
        m.put("previous", state.previousMedia() == null ? null : mediaView(state.previousMedia(), nowMs));
        return JsValues.toJs(m);
    }

    @Override
    public Object getMemberKeys() {
        return JsValues.toJs(KEYS);
    }

    @Override
    public boolean hasMember(String key) {
        return KEYS.contains(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("the channel view is read-only");
    }
}
