package dev.kryten.llm.plugins.cytube;

import java.util.Map;

/** The formatter's options from the config's {@code formatting} section, with defaults. */
record FormatOptions(boolean stripStageDirections, boolean filterEmoji, int maxEmoji, int maxParts, String continuation) {

    static FormatOptions from(Map<String, Object> options) {
        return new FormatOptions(
                bool(options.get("strip_stage_directions")),
                bool(options.get("filter_emoji")),
                number(options.get("max_emoji_per_message"), 0),
                Math.max(1, number(options.get("max_parts"), CytubeFormatter.DEFAULT_MAX_PARTS)),
                options.get("continuation_indicator") instanceof String s ? s : "");
    }

    private static boolean bool(Object value) {
        return value instanceof Boolean b && b;
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
