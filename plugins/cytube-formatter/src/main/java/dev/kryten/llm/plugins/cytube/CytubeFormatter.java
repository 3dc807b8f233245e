package dev.kryten.llm.plugins.cytube;

import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.api.ResponseFormatter;
import java.util.List;
import org.pf4j.Extension;

/**
 * Makes a model's answer fit CyTube chat: plain text (no markdown), no "CynthiaRothbot:" prefix,
 * no wrapping quotes, one line, split into parts of at most {@code max_message_length} characters
 * at sentence ends, else at spaces. HTML entities are left alone: CyTube escapes what it shows.
 */
@Extension
public final class CytubeFormatter implements ResponseFormatter {

    @Override
    public String name() {
        return "cytube";
    }

    @Override
    public List<String> format(String text, FormatContext context) {
        String plain = Markdown.strip(text);
        String spoken = SelfReference.strip(plain, context.botName(), context.nameVariations());
        if (spoken.isBlank()) {
            return List.of();
        }
        return LineSplitter.split(spoken, context.maxMessageLength());
    }
}
