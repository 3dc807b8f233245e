package dev.kryten.llm.kryten;

/**
 * A decoded {@code chatMsg} (or {@code pm}) event.
 *
 * @param username sender's CyTube name; {@code [server]} for server notices
 * @param text     the message as people saw it: HTML entities decoded, tags removed
 * @param rawMsg   {@code msg} exactly as CyTube sent it (HTML-escaped)
 * @param timeMs   CyTube's server time, milliseconds since the epoch ({@code payload.time}); 0 if absent
 * @param shadow   {@code meta.shadow}: the sender is shadow-muted, only moderators see this line
 * @param action   {@code meta.action}: a {@code /me} line
 * @param to       the recipient of a PM; null for channel chat
 * @param channel  the Robot's channel, exact spelling
 * @param domain   the Robot's domain, exact spelling
 */
public record ChatEvent(String username, String text, String rawMsg, long timeMs, boolean shadow, boolean action, String to,
                        String channel, String domain) {}
