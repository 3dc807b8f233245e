package dev.kryten.llm.kryten;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Builds command bodies for {@link Subjects#ROBOT_COMMAND} exactly as kryten-py does
 * (kryten-protocol.md §3.1): {@code {"command":"say","args":{"message":...},"meta":{source,timestamp,domain,channel,request_id}}}.
 * {@code meta.domain} and {@code meta.channel} must be the Robot's own spelling, or the Robot drops the
 * command silently; take them from the event being answered.
 */
public final class KrytenCommands {
    /** Python's {@code isoformat()} with a UTC offset: 6 fractional digits and {@code +00:00}, never {@code Z}. */
    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private final ObjectMapper json = new ObjectMapper();
    private final String source;

    /** @param source our service name, sent as {@code meta.source} */
    public KrytenCommands(String source) {
        this.source = source;
    }

    public byte[] say(String message, String domain, String channel) {
        ObjectNode body = json.createObjectNode();
        body.put("command", "say");
        body.putObject("args").put("message", message);
        meta(body, domain, channel);
        return bytes(body);
    }

    public byte[] pm(String to, String message, String domain, String channel) {
        ObjectNode body = json.createObjectNode();
        body.put("command", "pm");
        body.putObject("args").put("to", to).put("msg", message);
        meta(body, domain, channel);
        return bytes(body);
    }

    public static String timestamp() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).format(ISO_MICROS);
    }

    private void meta(ObjectNode body, String domain, String channel) {
        ObjectNode meta = body.putObject("meta");
        meta.put("source", source);
        meta.put("timestamp", timestamp());
        if (domain != null && channel != null) { // the Robot's routing guard checks them only when both are present
            meta.put("domain", domain);
            meta.put("channel", channel);
        }
        meta.put("request_id", UUID.randomUUID().toString());
    }

    private byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
