package dev.kryten.llm.turn;

/**
 * Observes what becomes of chat lines. Every method has a no-op default, so a listener implements
 * only what it needs (jnats' {@code ErrorListener} habit). Called on a lane's thread or on a turn's
 * virtual thread, possibly for several channels at once: be quick and thread-safe, never block.
 * A listener that throws is logged and skipped; the line and the other listeners go on
 * ({@link TurnListeners}).
 */
public interface TurnListener {
    /** A line reached its one outcome. */
    default void onOutcome(LineOutcome outcome) {}

    /** One part of a reply was acknowledged by Kryten-Robot (before the line's {@link Outcome.Answered}). */
    default void onPartSent(PartSent part) {}
}
