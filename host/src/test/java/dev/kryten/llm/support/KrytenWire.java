package dev.kryten.llm.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds event envelopes exactly as Kryten-Robot publishes them (kryten-protocol.md §2.1). */
public final class KrytenWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KrytenWire() {}

    public static byte[] chatMsg(String channel, String domain, String user, String escapedMsg, long timeMs, ObjectNode meta) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("username", user);
        payload.put("msg", escapedMsg);
        payload.set("meta", meta == null ? JSON.createObjectNode() : meta);
        payload.put("time", timeMs);
        return envelope("chatMsg", payload, channel, domain);
    }

    public static byte[] envelope(String event, com.fasterxml.jackson.databind.JsonNode payload, String channel, String domain) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event_name", event);
        root.set("payload", payload);
        root.put("channel", channel);
        root.put("domain", domain);
        root.put("timestamp", "2026-11-25T05:22:54.860604+00:00");
        root.put("correlation_id", UUID.randomUUID().toString());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static ObjectNode meta() {
        return JSON.createObjectNode();
    }
}
