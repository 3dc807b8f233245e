package dev.kryten.llm.state;

/**
 * What is playing, from {@code changeMedia}.
 *
 * @param title          the media title (CyTube cuts it at 100 characters)
 * @param seconds        length in seconds; 0 for live streams and unknown lengths
 * @param type           provider code: {@code yt}, {@code vi}, {@code fi}, ...
 * @param id             provider media id
 * @param startedAtMs    our clock when it started, to estimate the position
 * @param positionAtMs   {@code currentTime} (s) at {@code startedAtMs}, updated by {@code mediaUpdate}
 */
public record Media(String title, int seconds, String type, String id, long startedAtMs, double positionAtMs) {}
