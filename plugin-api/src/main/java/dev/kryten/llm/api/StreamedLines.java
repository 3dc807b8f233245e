package dev.kryten.llm.api;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads a streamed HTTP body (server-sent events, NDJSON) line by line under one deadline, for
 * provider plugins: a server that stops sending mid-stream cannot hold the caller past its
 * timeout, because the body is closed when the deadline passes. Use it with
 * {@code HttpResponse.BodyHandlers.ofLines()}.
 */
public final class StreamedLines {
    private StreamedLines() {}

    /**
     * Feeds each line to {@code consumer} until it returns {@code false} (the stream's own end
     * marker), the body ends, or the deadline passes.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @param timeout       the configured timeout, for the error
     * @return true when the consumer saw its end marker; false when the body ended without one
     * @throws ProviderException {@link ProviderError.Timeout} at the deadline, {@link ProviderError.Unavailable} on a read error
     */
    public static boolean read(Stream<String> lines, long deadlineNanos, Duration timeout, Predicate<String> consumer)
            throws ProviderException {
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                long wait = deadlineNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                lines.close();
            } catch (InterruptedException finishedInTime) {
                // the stream ended first
            }
        });
        try {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                if (!consumer.test(it.next())) {
                    return true;
                }
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new ProviderException(new ProviderError.Timeout(timeout));
            }
            return false;
        } catch (UncheckedIOException | IllegalStateException e) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new ProviderException(new ProviderError.Timeout(timeout), e);
            }
            throw new ProviderException(new ProviderError.Unavailable("stream broke: " + e.getMessage()), e);
        } finally {
            closer.interrupt();
            lines.close();
        }
    }
}
