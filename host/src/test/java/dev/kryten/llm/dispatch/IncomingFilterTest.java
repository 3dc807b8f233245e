package dev.kryten.llm.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kryten.llm.dispatch.IncomingFilter.Verdict;
import dev.kryten.llm.kryten.ChatEvent;
import org.junit.jupiter.api.Test;

class IncomingFilterTest {
    private static final long START = 1_800_000_000_000L;
    private final ReplayWindow window = new ReplayWindow(START);
    private final IncomingFilter filter = new IncomingFilter("CynthiaRothbot", 60_000, window);

    private static ChatEvent line(String user, String msg, long time, boolean shadow) {
        return new ChatEvent(user, msg, msg, time, shadow, false, null, "420Grindhouse", "cytu.be");
    }

    @Test
    void liveLinesAreAnswerable() {
        assertEquals(Verdict.ANSWERABLE, filter.check(line("Greg", "hi", START + 5, false), START + 10));
    }

    @Test
    void ownEchoServerAndShadowAreIgnored() {
        assertEquals(Verdict.OWN_ECHO, filter.check(line("CynthiaRothbot", "hi", START + 5, false), START + 10));
        assertEquals(Verdict.OWN_ECHO, filter.check(line("cynthiarothbot", "hi", START + 6, false), START + 10));
        assertEquals(Verdict.SERVER, filter.check(line("[server]", "x joined", START + 5, false), START + 10));
        assertEquals(Verdict.SHADOW, filter.check(line("Troll", "spam", START + 5, true), START + 10));
    }

    @Test
    void historyFromBeforeTheStartOrTheRobotsReconnectIsReplay() {
        assertEquals(Verdict.REPLAY, filter.check(line("Greg", "old", START - 1_000, false), START + 10));
        window.robotReconnected(START + 50_000);
        assertEquals(Verdict.REPLAY, filter.check(line("Greg", "said while robot was away", START + 40_000, false), START + 50_100));
        assertEquals(Verdict.ANSWERABLE, filter.check(line("Greg", "after reconnect", START + 50_200, false), START + 50_300));
    }

    @Test
    void linesOlderThanTheMaximumAgeAreReplay() {
        assertEquals(Verdict.REPLAY, filter.check(line("Greg", "stale", START + 1, false), START + 61_002));
    }

    @Test
    void theSameLineSeenTwiceIsADuplicate() {
        assertEquals(Verdict.ANSWERABLE, filter.check(line("Greg", "hi cynthia", START + 5, false), START + 10));
        assertEquals(Verdict.DUPLICATE, filter.check(line("Greg", "hi cynthia", START + 5, false), START + 20));
        assertEquals(Verdict.ANSWERABLE, filter.check(line("Greg", "hi cynthia", START + 6, false), START + 20));
    }

    @Test
    void missingTimeIsTreatedAsLive() {
        assertEquals(Verdict.ANSWERABLE, filter.check(line("Greg", "no time", 0, false), START + 10));
    }
}
