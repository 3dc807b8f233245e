package dev.kryten.llm.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.TurnLimits;
import dev.kryten.llm.script.TriggerMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admission policy, driven by hand: time is a number the test passes in. */
class TurnQueueTest {
    private static PendingTurn turn(String id, String user, double priority, long atMs) {
        var match = new TriggerMatch("t", "m" + (int) priority, priority, 1, "", "text", null, 0, 0);
        return new PendingTurn(id, user, "line " + id, List.of(match), 0, atMs, "cytu.be", "chan");
    }

    private final TurnQueue queue = new TurnQueue(new TurnLimits(1, 2, Duration.ofSeconds(30)));

    @Test
    void aTurnStartsAtOnceWhenASlotIsFreeAndWaitsOtherwise() {
        assertTrue(queue.offer(turn("a", "ann", 10, 0)).isEmpty());
        PendingTurn a = queue.next(0, new ArrayList<>());
        assertEquals("a", a.id());
        queue.started();
        assertTrue(queue.offer(turn("b", "bob", 10, 1)).isEmpty());
        assertNull(queue.next(1, new ArrayList<>()), "the one slot is busy");
        queue.finished();
        assertEquals("b", queue.next(2, new ArrayList<>()).id());
    }

    @Test
    void aUsersNewerLineReplacesTheirWaitingOne() {
        queue.started();
        queue.offer(turn("a1", "ann", 10, 0));
        List<TurnQueue.Evicted> out = queue.offer(turn("a2", "ANN", 10, 1));
        assertEquals(1, out.size());
        assertEquals("a1", out.getFirst().turn().id());
        assertTrue(((Outcome.Dropped) out.getFirst().outcome()).reason().startsWith("replaced by a newer line"));
        assertEquals(1, queue.waiting());
    }

    @Test
    void smallTalkDoesNotPushOutTheSameUsersWaitingMention() {
        queue.started();
        queue.offer(turn("mention", "ann", 10, 0));
        List<TurnQueue.Evicted> out = queue.offer(turn("lol", "ann", 2, 1));
        assertEquals("lol", out.getFirst().turn().id());
        assertEquals("busy", ((Outcome.Refused) out.getFirst().outcome()).rule());
        assertEquals(1, queue.waiting());
        queue.finished();
        assertEquals("mention", queue.next(2, new ArrayList<>()).id(), "the mention still waits its turn");
    }

    @Test
    void aFullQueueDropsItsLowestPriorityOldestTurnOrRefusesTheNewOne() {
        queue.started();
        queue.offer(turn("low", "ann", 3, 0));
        queue.offer(turn("high", "bob", 10, 1));
        List<TurnQueue.Evicted> out = queue.offer(turn("mid", "cat", 5, 2));
        assertEquals("low", out.getFirst().turn().id(), "the lowest priority gives way");
        assertInstanceOf(Outcome.Dropped.class, out.getFirst().outcome());

        out = queue.offer(turn("lower", "dan", 1, 3));
        assertEquals("lower", out.getFirst().turn().id(), "a new turn below everything waiting is refused");
        var refused = assertInstanceOf(Outcome.Refused.class, out.getFirst().outcome());
        assertEquals("busy", refused.rule());

        out = queue.offer(turn("mid2", "eve", 5, 4));
        assertEquals("mid", out.getFirst().turn().id(), "among equals the older one gives way");
    }

    @Test
    void aTurnThatWaitedTooLongIsDroppedNotStarted() {
        queue.started();
        queue.offer(turn("old", "ann", 10, 0));
        queue.finished();
        List<TurnQueue.Evicted> stale = new ArrayList<>();
        assertNull(queue.next(30_001, stale));
        assertEquals("old", stale.getFirst().turn().id());
        assertTrue(((Outcome.Dropped) stale.getFirst().outcome()).reason().startsWith("stale"));
    }

    @Test
    void withoutAQueueATurnRunsOnlyWhenASlotIsFree() {
        TurnQueue none = new TurnQueue(new TurnLimits(1, 0, Duration.ofSeconds(30)));
        PendingTurn first = turn("a", "ann", 10, 0);
        assertTrue(none.offer(first).isEmpty());
        assertSame(first, none.next(0, new ArrayList<>()));
        none.started();
        assertEquals("busy", ((Outcome.Refused) none.offer(turn("b", "bob", 10, 0)).getFirst().outcome()).rule());
    }

    @Test
    void drainingEndsEveryWaitingTurnWithItsOutcome() {
        queue.started();
        queue.offer(turn("a", "ann", 10, 0));
        queue.offer(turn("b", "bob", 10, 0));
        List<TurnQueue.Evicted> left = queue.drain("shutting down");
        assertEquals(List.of("a", "b"), left.stream().map(e -> e.turn().id()).toList());
        assertEquals(0, queue.waiting());
    }
}
