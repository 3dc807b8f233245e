package dev.kryten.llm.api;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two things every HTTP provider plugin does the same way: send a request under one deadline,
 * and turn an HTTP error status into the {@link ProviderError} the host's chain decides on.
 */
public final class ProviderHttp {
    private ProviderHttp() {}

    /**
     * Sends and waits at most {@code timeout} for the response (headers, and the whole body for
     * non-streaming handlers).
     *
     * @throws ProviderException {@link ProviderError.Timeout}, or {@link ProviderError.Unavailable}
     *                           for refused connections and other transport failures
     */
    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                           Duration timeout) throws ProviderException {
        CompletableFuture<HttpResponse<T>> future = http.sendAsync(request, handler);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderException(new ProviderError.Timeout(timeout), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.Unavailable("interrupted while waiting"), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new ProviderException(new ProviderError.Timeout(timeout), cause);
            }
            if (cause instanceof ConnectException) {
                throw new ProviderException(new ProviderError.Unavailable("connection refused by " + request.uri().getAuthority()), cause);
            }
            throw new ProviderException(new ProviderError.Unavailable(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())), cause);
        }
    }

    /**
     * The error for a non-2xx status: 401/403 auth, 429 rate-limited (with {@code retryAfter}),
     * 408 and 5xx (and Anthropic's 529) unavailable, other 4xx rejected.
     *
     * @param detail the server's own error message, already shortened; never the API key
     */
    public static ProviderException statusError(int status, String detail, Optional<Duration> retryAfter) {
        ProviderError error = switch (status) {
            case 401, 403 -> new ProviderError.AuthFailed(status, detail);
            case 429 -> new ProviderError.RateLimited(retryAfter);
            case 408 -> new ProviderError.Unavailable("HTTP 408: " + detail);
            default -> status >= 500 ? new ProviderError.Unavailable("HTTP " + status + ": " + detail)
                    : new ProviderError.Rejected(status, detail);
        };
        return new ProviderException(error);
    }

    /** A server's error text made log-safe: one line, at most 200 characters, "(empty body)" when there is none. */
    public static String shorten(String detail) {
        if (detail == null || detail.isBlank()) {
            return "(empty body)";
        }
        String one = detail.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
