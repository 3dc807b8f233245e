package dev.kryten.llm.format;

import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.api.ResponseFormatter;
import dev.kryten.llm.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured formatters in order ({@code formatting.chain}): the first gets the raw
 * answer, each next one every part the previous produced. A formatter that throws is logged and
 * skipped, its input passed on unchanged, so a broken plugin cannot eat a reply.
 */
public final class FormatterChain {
    private static final Logger log = LoggerFactory.getLogger(FormatterChain.class);

    private final List<ResponseFormatter> formatters;

    public FormatterChain(List<String> chain, Map<String, ResponseFormatter> byName) {
        List<ResponseFormatter> found = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            ResponseFormatter formatter = byName.get(chain.get(i));
            if (formatter == null) {
                throw new ConfigException("formatting.chain[" + i + "]", "no formatter named '" + chain.get(i)
                        + "' (plugins offer: " + byName.keySet() + ")");
            }
            found.add(formatter);
        }
        this.formatters = List.copyOf(found);
    }

    public List<String> format(String text, FormatContext context) {
        List<String> parts = List.of(text);
        for (ResponseFormatter formatter : formatters) {
            List<String> next = new ArrayList<>();
            for (String part : parts) {
                try {
                    next.addAll(formatter.format(part, context));
                } catch (RuntimeException e) {
                    log.error("formatter {} ({}) failed, passing its input on: {}", formatter.name(),
                            formatter.getClass().getName(), e.toString());
                    next.add(part);
                }
            }
            parts = next;
        }
        return parts;
    }
}
