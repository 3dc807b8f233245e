package dev.kryten.llm.kryten;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kryten-Robot's wrapper around one CyTube event (kryten-protocol.md §2.1).
 *
 * @param eventName     CyTube's event name as it spelled it ({@code chatMsg}); compare case-insensitively
 * @param payload       the event's payload: any JSON (object, array, number, null)
 * @param channel       the Robot's channel, exact spelling; copy it into commands
 * @param domain        the Robot's domain, exact spelling; copy it into commands
 * @param timestamp     when the Robot wrapped the event (ISO-8601 with offset), as sent
 * @param correlationId a fresh id per event; for tracing only, not for de-duplication
 */
public record Envelope(String eventName, JsonNode payload, String channel, String domain, String timestamp, String correlationId) {}
