package dev.kryten.llm.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How Kryten-Robot's answers to a say request are read (kryten-protocol.md §3.3): both levels of success count. */
class RobotAcknowledgementTest {
    private static String verdict(String json) {
        return NatsReplySink.refusal(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCapturedSuccessIsAnAcknowledgement() {
        assertNull(verdict("{\"service\": \"robot\", \"command\": \"say\", \"success\": true, \"data\": {\"success\": true}}"));
    }

    @Test
    void aHandlerThatRaisedIsARefusalWithItsText() {
        assertEquals("Not connected or sender not available",
                verdict("{\"service\":\"robot\",\"success\":false,\"error\":\"Not connected or sender not available\"}"));
    }

    @Test
    void theHandlersOwnVerdictCountsEvenUnderATopLevelSuccess() {
        assertEquals("Missing message", verdict("{\"service\":\"robot\",\"success\":true,\"data\":{\"error\":\"Missing message\"}}"));
        assertEquals("the Robot's handler reported no success",
                verdict("{\"service\":\"robot\",\"success\":true,\"data\":{\"success\":false}}"));
    }

    @Test
    void anUnreadableAnswerIsNoAcknowledgement() {
        assertEquals("unreadable reply", verdict("not json"));
    }
}
