package dev.kryten.llm.metrics;

import dev.kryten.llm.turn.QueueDepth;
import java.util.List;
import java.util.Map;

/**
 * What {@code /health} and {@code /metrics} read from the running host. Every method is cheap,
 * thread-safe and answers while the host is still starting (no NATS connection or lanes yet:
 * not connected, no channels), since the endpoint comes up before NATS.
 */
public interface HostProbes {
    HostState state();

    boolean natsConnected();

    /** The script catalog's version: 1 at start, one more for every accepted change. */
    long scriptsVersion();

    /** One line per script file whose saved content does not load (an older version, or nothing, runs). */
    List<String> scriptProblems();

    /** Failed trigger and prompt calls since start. */
    long scriptFailures();

    /** Each configured provider's circuit, in chain order: {@code closed}, {@code open} or {@code half-open}. */
    Map<String, String> circuits();

    /** A provider's failed attempts since start (every retry counts). */
    long providerFailures(String provider);

    /** Each open channel's turns waiting and in flight. */
    Map<String, QueueDepth> channels();
}
