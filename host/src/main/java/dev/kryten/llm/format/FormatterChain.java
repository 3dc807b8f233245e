package dev.kryten.llm.format;

import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.api.ResponseFormatter;
import dev.kryten.llm.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import dev.kryten.llm.plugin.Lease;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured formatters in order ({@code formatting.chain}): the first gets the raw
 * answer, each next one every part the previous produced. A formatter that throws is logged and
 * skipped, its input passed on unchanged, so a broken plugin cannot eat a reply.
 */
public final class FormatterChain {
    private static final Logger log = LoggerFactory.getLogger(FormatterChain.class);

    private final List<String> chain;
    private final FormatterSource formatters;

    /**
     * @param formatters the formatter with a name, leased per use so a reloaded plugin is picked up
     * @param offered    the names plugins offer at start, to check the chain against
     */
    public FormatterChain(List<String> chain, FormatterSource formatters,
                          java.util.Collection<String> offered) {
        for (int i = 0; i < chain.size(); i++) {
            if (!offered.contains(chain.get(i))) {
                throw new ConfigException("formatting.chain[" + i + "]", "no formatter named '" + chain.get(i)
                        + "' (plugins offer: " + offered + ")");
            }
        }
        this.chain = List.copyOf(chain);
        this.formatters = formatters;
    }

    public List<String> format(String text, FormatContext context) {
        List<String> parts = List.of(text);
        for (String name : chain) {
            Optional<Lease<ResponseFormatter>> lease = formatters.lease(name);
            if (lease.isEmpty()) {
                log.error("formatter {} is not loaded (its plugin jar was removed?); passing the text on unformatted", name);
                continue;
            }
            try (Lease<ResponseFormatter> formatter = lease.get()) {
                List<String> next = new ArrayList<>();
                for (String part : parts) {
                    try {
                        next.addAll(formatter.extension().format(part, context));
                    } catch (RuntimeException e) {
                        log.error("formatter {} ({}) failed, passing its input on: {}", name,
                                formatter.extension().getClass().getName(), e.toString());
                        next.add(part);
                    }
                }
                parts = next;
            }
        }
        return parts;
    }
}
