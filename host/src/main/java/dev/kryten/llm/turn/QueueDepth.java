package dev.kryten.llm.turn;

/**
 * How full one channel's admission is at a moment (for health and metrics).
 *
 * @param waiting  turns admitted and waiting for a free slot
 * @param inFlight turns started and not finished yet (their reply not yet acknowledged)
 */
public record QueueDepth(int waiting, int inFlight) {}
