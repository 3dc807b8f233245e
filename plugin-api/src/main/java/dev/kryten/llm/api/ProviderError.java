package dev.kryten.llm.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a provider could not answer. The host's provider chain decides on the kind (retry, wait,
 * move to the next provider, stop), never on message text, so a plugin must map its failures onto
 * these cases faithfully.
 */
public sealed interface ProviderError {

    /** A short, log-safe description (never contains the API key or the prompt). */
    String describe();

    /** Whether trying the same provider again later may succeed. */
    boolean retryable();

    /** No complete answer within the configured timeout. */
    record Timeout(Duration after) implements ProviderError {
        public String describe() { return "no answer within " + after.toMillis() + " ms"; }
        public boolean retryable() { return true; }
    }

    /** HTTP 429 or the API's own rate-limit signal; {@code retryAfter} from {@code Retry-After} when given. */
    record RateLimited(Optional<Duration> retryAfter) implements ProviderError {
        public String describe() {
            return "rate limited" + retryAfter.map(d -> ", retry after " + d.toSeconds() + " s").orElse("");
        }
        public boolean retryable() { return true; }
    }

    /** HTTP 401/403: the key is wrong, missing or not allowed this model. Retrying will not help. */
    record AuthFailed(int status, String detail) implements ProviderError {
        public String describe() { return "authentication failed (HTTP " + status + "): " + detail; }
        public boolean retryable() { return false; }
    }

    /** HTTP 4xx other than 401/403/408/429: the request itself was refused (unknown model, too long, ...). */
    record Rejected(int status, String detail) implements ProviderError {
        public String describe() { return "request rejected (HTTP " + status + "): " + detail; }
        public boolean retryable() { return false; }
    }

    /** The server answered, but not with something usable (malformed JSON, no choices, empty text, cut stream). */
    record BadResponse(String detail) implements ProviderError {
        public String describe() { return "bad response: " + detail; }
        public boolean retryable() { return true; }
    }

    /** The server could not be reached or failed (connection refused, DNS, HTTP 5xx). */
    record Unavailable(String detail) implements ProviderError {
        public String describe() { return "unavailable: " + detail; }
        public boolean retryable() { return true; }
    }
}
