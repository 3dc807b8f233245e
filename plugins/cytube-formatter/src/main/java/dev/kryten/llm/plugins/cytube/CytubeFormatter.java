package dev.kryten.llm.plugins.cytube;

import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.api.ResponseFormatter;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * Makes a model's answer fit CyTube chat: stage directions cut if configured, plain text (no
 * markdown), no "CynthiaRothbot:" prefix, no wrapping quotes, emoji filtered or capped, one line,
 * split into parts of at most {@code max_message_length} characters at sentence ends, else at
 * spaces, at most {@code max_parts} parts. HTML entities are left alone: CyTube escapes what it shows.
 *
 * <p>Options (the config's {@code formatting} section): {@code strip_stage_directions} (false),
 * {@code filter_emoji} (false), {@code max_emoji_per_message} (0 = no cap), {@code max_parts} (3),
 * {@code continuation_indicator} ("", e.g. " ..." on every part but the last).
 */
@Extension
public final class CytubeFormatter implements ResponseFormatter {
    static final int DEFAULT_MAX_PARTS = 3;

    @Override
    public String name() {
        return "cytube";
    }

    @Override
    public List<String> format(String text, FormatContext context) {
        FormatOptions options = FormatOptions.from(context.options());
        String s = options.stripStageDirections() ? StageDirections.strip(text) : text;
        s = Markdown.strip(s);
        s = SelfReference.strip(s, context.botName(), context.nameVariations());
        if (options.filterEmoji() || options.maxEmoji() > 0) {
            s = Emoji.limit(s, options.filterEmoji() ? 0 : options.maxEmoji());
        }
        s = s.replaceAll("\\s+", " ").strip();
        if (s.isBlank()) {
            return List.of();
        }
        int room = context.maxMessageLength() - options.continuation().length();
        List<String> parts = LineSplitter.split(s, Math.max(20, room));
        if (parts.size() > options.maxParts()) {
            parts = new ArrayList<>(parts.subList(0, options.maxParts()));
            String last = parts.getLast();
            parts.set(parts.size() - 1, last.length() + 1 <= room ? last + "…" : last.substring(0, room - 1) + "…");
        }
        if (!options.continuation().isEmpty() && parts.size() > 1) {
            List<String> marked = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                marked.add(i < parts.size() - 1 ? parts.get(i) + options.continuation() : parts.get(i));
            }
            parts = marked;
        }
        return parts;
    }
}
