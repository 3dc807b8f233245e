package dev.kryten.llm.dispatch;

/**
 * The moment before which chat is history, shared by all lanes: the host's start, moved forward
 * each time Kryten-Robot announces a (re)start or a new CyTube connection, after which CyTube
 * replays the channel's recent lines.
 */
final class ReplayWindow {
    private volatile long notBeforeMs;

    ReplayWindow(long startMs) {
        this.notBeforeMs = startMs;
    }

    long notBeforeMs() {
        return notBeforeMs;
    }

    void robotReconnected(long atMs) {
        if (atMs > notBeforeMs) {
            notBeforeMs = atMs;
        }
    }
}
