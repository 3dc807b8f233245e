package dev.kryten.llm.kryten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding against the bytes captured from the real Kryten-Robot (src/test/resources/kryten-wire-capture.jsonl). */
class EventDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventDecoder decoder = new EventDecoder();

    record Captured(String subject, byte[] body) {}

    static List<Captured> capturedEvents() throws Exception {
        List<Captured> out = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                EventDecoderTest.class.getResourceAsStream("/kryten-wire-capture.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode record = JSON.readTree(line);
                String subject = record.path("subject").asText("");
                if (subject.startsWith("kryten.events.cytube.")) {
                    // Python's json.dumps spacing, as on the wire
                    out.add(new Captured(subject, record.path("data").toString().getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    @Test
    void everyCapturedEventDecodesAndItsNameMatchesTheSubject() throws Exception {
        List<Captured> events = capturedEvents();
        assertTrue(events.size() >= 10, "capture has events");
        for (Captured c : events) {
            Envelope e = decoder.envelope(c.subject(), c.body());
            assertEquals(Subjects.lastToken(c.subject()), e.eventName().toLowerCase(), c.subject());
            assertEquals("420Grindhouse", e.channel());
            assertEquals("cytu.be", e.domain());
        }
    }

    @Test
    void capturedChatDecodesWithEntitiesAndFlags() throws Exception {
        List<ChatEvent> chats = new ArrayList<>();
        for (Captured c : capturedEvents()) {
            if (c.subject().endsWith(".chatmsg")) {
                chats.add(decoder.chat(c.subject(), decoder.envelope(c.subject(), c.body())));
            }
        }
        ChatEvent first = chats.getFirst();
        assertEquals("GrindhouseGreg", first.username());
        assertEquals("this rules (seriously) > anything", first.text());
        assertEquals("this rules &#40;seriously&#41; &gt; anything", first.rawMsg());
        assertEquals(1795584174606L, first.timeMs());
        assertTrue(chats.stream().anyMatch(ChatEvent::action), "the /me line");
        assertTrue(chats.stream().anyMatch(c -> c.shadow() && c.username().equals("SneakyTroll")));
        assertTrue(chats.stream().anyMatch(c -> c.username().equals("[server]")));
        assertFalse(first.shadow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#40;f&#41; | a & b <c> \"d\" 'e' (f)",
            "smile &#x1F600; &#128512; | smile 😀 😀",
            "see <a href=\"https://x.test\" target=\"_blank\">https://x.test</a> now | see https://x.test now",
            "&bogus; & &#xZZ; 3 < 4 | &bogus; & &#xZZ; 3 < 4",
            "plain text | plain text",
    })
    void htmlTextIsDecodedToWhatPeopleTyped(String html, String plain) {
        assertEquals(plain, HtmlText.toPlain(html));
    }

    @Test
    void malformedMessagesNameTheSubjectAndTheProblem() {
        String s = "kryten.events.cytube.x.chatmsg";
        var notJson = assertThrows(MalformedEventException.class, () -> decoder.envelope(s, "{nope".getBytes()));
        assertTrue(notJson.getMessage().contains(s) && notJson.getMessage().contains("not JSON"), notJson.getMessage());
        var array = assertThrows(MalformedEventException.class, () -> decoder.envelope(s, "[1]".getBytes()));
        assertTrue(array.getMessage().contains("not a JSON object"));
        var noUser = assertThrows(MalformedEventException.class,
                () -> decoder.chat(s, decoder.envelope(s, "{\"event_name\":\"chatMsg\",\"payload\":{\"msg\":\"hi\"}}".getBytes())));
        assertTrue(noUser.getMessage().contains("payload.username"), noUser.getMessage());
        var noMsg = assertThrows(MalformedEventException.class,
                () -> decoder.chat(s, decoder.envelope(s, "{\"payload\":{\"username\":\"a\"}}".getBytes())));
        assertTrue(noMsg.getMessage().contains("payload.msg"), noMsg.getMessage());
        var payloadNotObject = assertThrows(MalformedEventException.class,
                () -> decoder.chat(s, decoder.envelope(s, "{\"event_name\":\"chatMsg\",\"payload\":5}".getBytes())));
        assertTrue(payloadNotObject.getMessage().contains("not an object"));
    }

    @Test
    void missingEventNameFallsBackToTheSubjectAndMissingTimeIsZero() {
        String s = "kryten.events.cytube.x.chatmsg";
        Envelope e = decoder.envelope(s, "{\"payload\":{\"username\":\"a\",\"msg\":\"hi\"}}".getBytes());
        assertEquals("chatmsg", e.eventName());
        assertEquals(0L, decoder.chat(s, e).timeMs());
    }
}
