package dev.kryten.llm.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kryten.llm.support.LogCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A listener that throws is logged and skipped; the others still hear every event. */
class TurnListenersTest {
    @Test
    void aFailingListenerIsContainedAndTheOthersGoOn() throws Exception {
        List<String> heard = new ArrayList<>();
        TurnListener broken = new TurnListener() {
            @Override
            public void onOutcome(LineOutcome outcome) {
                throw new IllegalStateException("listener bug");
            }
        };
        TurnListener recorder = new TurnListener() {
            @Override
            public void onOutcome(LineOutcome outcome) {
                heard.add(outcome.id());
            }

            @Override
            public void onPartSent(PartSent part) {
                heard.add(part.text());
            }
        };
        try (LogCapture log = new LogCapture()) {
            TurnListeners listeners = new TurnListeners(broken, recorder, new TurnListener() { });
            listeners.onOutcome(new LineOutcome("abc12345", "room", "bob", "hi", null, Instant.EPOCH, new Outcome.NotTriggered()));
            listeners.onPartSent(new PartSent("abc12345", "room", 0, 1, "hello", Instant.EPOCH));
            assertEquals(List.of("abc12345", "hello"), heard);
            log.await(1_000, "[abc12345] turn listener", "failed on an outcome; skipped", "listener bug");
        }
    }
}
