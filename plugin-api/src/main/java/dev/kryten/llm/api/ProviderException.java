package dev.kryten.llm.api;

import java.util.Objects;

/** Thrown by {@link LlmProvider#complete} when no answer can be given; carries the reason as data. */
public final class ProviderException extends Exception {
    private final ProviderError error;

    public ProviderException(ProviderError error) {
        this(error, null);
    }

    public ProviderException(ProviderError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").describe(), cause);
        this.error = error;
    }

    public ProviderError error() {
        return error;
    }
}
