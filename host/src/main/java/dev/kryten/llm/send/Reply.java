package dev.kryten.llm.send;

import java.util.List;

/**
 * Lines to say in one channel, in order.
 *
 * @param parts         the chat lines, each already checked by the guard
 * @param domain        the Robot's domain, from the event being answered
 * @param channel       the Robot's channel, from the event being answered
 * @param correlationId ties the send log line to the turn
 */
public record Reply(List<String> parts, String domain, String channel, String correlationId) {
    public Reply {
        parts = List.copyOf(parts);
    }
}
