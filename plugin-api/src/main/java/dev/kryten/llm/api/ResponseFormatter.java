package dev.kryten.llm.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Turns a model's raw answer into chat lines. Formatters run in a chain, in the order the config's
 * {@code formatting.chain} names them: the first receives the raw answer, each next one receives
 * every part the previous produced, and the parts are sent in order.
 *
 * <p><b>Threads.</b> Called from virtual threads, several at once; keep it stateless or thread-safe.
 * It runs once per answer, not per chat line, but should still take well under a millisecond.
 *
 * <p><b>Contract.</b> Return the parts in the order they must be sent; return an empty list to say
 * "nothing worth sending" (the host logs it). Do not unescape HTML: CyTube escapes what it shows.
 */
public interface ResponseFormatter extends ExtensionPoint {

    /** The name the config's {@code formatting.chain} uses for this formatter, e.g. {@code cytube}. */
    String name();

    /** Shapes one piece of text into zero or more chat lines. */
    List<String> format(String text, FormatContext context);
}
