package dev.kryten.llm;

/** Root of the host's own exceptions; each subclass names what happened and carries the facts. */
public class KrytenException extends RuntimeException {
    public KrytenException(String message) {
        super(message);
    }

    public KrytenException(String message, Throwable cause) {
        super(message, cause);
    }
}
