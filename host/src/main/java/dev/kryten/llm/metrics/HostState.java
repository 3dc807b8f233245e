package dev.kryten.llm.metrics;

/**
 * Where the host is in its life, as {@code /health} reports it. {@code BotHost} moves it:
 * <pre>
 *   BotHost.start()          every part started           close()               every part stopped
 *  ───────────────► STARTING ──────────────────► RUNNING ────────► DRAINING ─────────────────────► STOPPED
 *                      │                                                                             ▲
 *                      └──────────────── a part failed to start (what had started is stopped) ───────┘
 * </pre>
 * Only {@link #RUNNING} answers chat. {@link #STARTING} lasts while scripts and plugins load and
 * for as long as NATS is unreachable at start (the bot waits for it); {@link #DRAINING} while
 * close() stops the parts in reverse (lanes, then the NATS connection, then turns still running).
 */
public enum HostState {
    STARTING, RUNNING, DRAINING, STOPPED;

    /** The lower-case name {@code /health} shows. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
