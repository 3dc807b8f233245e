package dev.kryten.llm.kryten;

import dev.kryten.llm.KrytenException;

/** A NATS message that does not decode as the Kryten event its subject promises. The dispatcher logs and skips it. */
public final class MalformedEventException extends KrytenException {
    private final String subject;

    public MalformedEventException(String subject, String reason) {
        super("malformed event on " + subject + ": " + reason);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
