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
    private static final List<String> KEYS = List.of("name", "bot", "users", "recent", "media", "botReplies");

    private final ChannelState state;
    private final Map<String, Object> bot;
    private final long nowMs;

    public JsChannelView(ChannelState state, Personality personality, long nowMs) {
        this.state = state;
        Map<String, Object> botView = new LinkedHashMap<>();
        botView.put("name", personality.name());
        botView.put("names", personality.mentionNames());
        this.bot = botView;
        this.nowMs = nowMs;
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
            default -> null;
        };
    }

    private List<Map<String, Object>> recent() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ChatLine line : state.recentLines()) {
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
        if (media == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", media.title());
        m.put("seconds", media.seconds());
        m.put("type", media.type());
        m.put("position", media.positionAtMs() + Math.max(0, nowMs - media.startedAtMs()) / 1000.0);
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
