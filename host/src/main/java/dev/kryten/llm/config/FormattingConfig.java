package dev.kryten.llm.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code formatting} section.
 *
 * @param chain   [{@code chain}] formatter names, applied in order, default {@code ["cytube"]}
 * @param options every key of the section, handed to the formatters as their options
 */
public record FormattingConfig(List<String> chain, Map<String, Object> options) {
    public static final List<String> DEFAULT_CHAIN = List.of("cytube");
}
