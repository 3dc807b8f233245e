package dev.kryten.llm.kryten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The say/pm bodies must have the field order and shapes of the captured kryten-py commands. */
class KrytenCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sayHasKrytenPyShape() throws Exception {
        JsonNode say = JSON.readTree(new KrytenCommands("llm").say("Speed beats size.", "cytu.be", "420Grindhouse"));
        assertEquals(List.of("command", "args", "meta"), fields(say));
        assertEquals("say", say.path("command").asText());
        assertEquals("Speed beats size.", say.path("args").path("message").asText());
        assertEquals(List.of("source", "timestamp", "domain", "channel", "request_id"), fields(say.path("meta")));
        assertEquals("llm", say.path("meta").path("source").asText());
        assertEquals("cytu.be", say.path("meta").path("domain").asText());
        assertEquals("420Grindhouse", say.path("meta").path("channel").asText());
        assertTrue(say.path("meta").path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
    }

    @Test
    void pmUsesToAndMsg() throws Exception {
        JsonNode pm = JSON.readTree(new KrytenCommands("llm").pm("GrindhouseGreg", "psst", "cytu.be", "420Grindhouse"));
        assertEquals("pm", pm.path("command").asText());
        assertEquals("GrindhouseGreg", pm.path("args").path("to").asText());
        assertEquals("psst", pm.path("args").path("msg").asText());
    }

    @Test
    void withoutAKnownChannelBothRoutingFieldsAreLeftOut() throws Exception {
        JsonNode say = JSON.readTree(new KrytenCommands("llm").say("hi", null, "420Grindhouse"));
        assertFalse(say.path("meta").has("domain"));
        assertFalse(say.path("meta").has("channel"));
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
