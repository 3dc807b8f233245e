package dev.kryten.llm.kryten;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Decodes Kryten event messages. Thread-safe; every failure is a {@link MalformedEventException}
 * naming the subject and what was wrong, never a Jackson stack trace.
 */
public final class EventDecoder {
    private final ObjectMapper json = new ObjectMapper();

    public Envelope envelope(String subject, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(subject, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new MalformedEventException(subject, "unreadable body (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException(subject, "not a JSON object");
        }
        String eventName = text(root, "event_name");
        if (eventName == null) {
            eventName = Subjects.lastToken(subject);
        }
        return new Envelope(eventName, root.path("payload"), text(root, "channel"), text(root, "domain"),
                text(root, "timestamp"), text(root, "correlation_id"));
    }

    /** A {@code chatMsg} or {@code pm} envelope as a {@link ChatEvent}. */
    public ChatEvent chat(String subject, Envelope envelope) {
        JsonNode payload = envelope.payload();
        if (!payload.isObject()) {
            throw new MalformedEventException(subject, "payload of " + envelope.eventName() + " is not an object");
        }
        String username = text(payload, "username");
        JsonNode user = payload.path("user");
        if (username == null && user.isObject()) {
            username = text(user, "name");
        }
        if (username == null || username.isEmpty()) {
            throw new MalformedEventException(subject, "payload.username is missing");
        }
        String msg = text(payload, "msg");
        if (msg == null) {
            msg = text(payload, "message");
        }
        if (msg == null) {
            throw new MalformedEventException(subject, "payload.msg is missing");
        }
        JsonNode time = payload.path("time");
        long timeMs = time.isNumber() ? time.asLong() : 0L;
        JsonNode meta = payload.path("meta");
        boolean shadow = meta.path("shadow").asBoolean(false);
        boolean action = meta.path("action").asBoolean(false);
        return new ChatEvent(username, HtmlText.toPlain(msg), msg, timeMs, shadow, action, text(payload, "to"),
                envelope.channel(), envelope.domain());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
