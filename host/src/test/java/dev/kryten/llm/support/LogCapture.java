package dev.kryten.llm.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Collects the host's real log lines (logback) so a test can wait for, and assert on, what an operator would read. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger kryten = (Logger) LoggerFactory.getLogger("dev.kryten");
    private final ch.qos.logback.classic.Level previous;

    public LogCapture() {
        previous = kryten.getLevel();
        kryten.setLevel(ch.qos.logback.classic.Level.INFO);
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean contains(String... fragments) {
        return lines.stream().anyMatch(l -> matches(l, fragments));
    }

    /** Waits until a line containing every fragment was logged; returns it, or fails the test with what was logged. */
    public String await(long timeoutMs, String... fragments) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (String line : lines) {
                if (matches(line, fragments)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with " + List.of(fragments) + " within " + timeoutMs + " ms; logged:\n"
                + String.join("\n", lines));
    }

    /**
     * Waits for the library's line about a script change ({@code fragments}, e.g. "banana.js added")
     * and then for each channel's lane to have swapped in that script version, which the lanes build
     * off their threads. Returns the library's line.
     */
    public String awaitScripts(long timeoutMs, List<String> channels, String... fragments) throws InterruptedException {
        String line = await(timeoutMs, fragments);
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("script version (\\d+)").matcher(line);
        if (!version.find()) {
            throw new AssertionError("no script version in: " + line);
        }
        for (String channel : channels) {
            await(timeoutMs, channel + ": scripts now at version " + version.group(1) + " ");
        }
        return line;
    }

    public void clear() {
        lines.clear();
    }

    private static boolean matches(String line, String... fragments) {
        Predicate<String> all = l -> {
            for (String f : fragments) {
                if (!l.contains(f)) {
                    return false;
                }
            }
            return true;
        };
        return all.test(line);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        kryten.setLevel(previous);
        stop();
    }
}
