package dev.kryten.llm.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.kryten.ChatEvent;
import dev.kryten.llm.script.Personas;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.state.ChannelState;
import dev.kryten.llm.turn.Outcome;
import dev.kryten.llm.turn.PendingTurn;
import dev.kryten.llm.support.ShippedPlugins;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decision over the shipped scripts in the real GraalJS engine, with time and chance given by the
 * test: limits are checked when a line arrives and charged only when its turn starts, and
 * probability reads the injected random source.
 */
class LineDeciderTest {
    private static final long NOW = 1_800_000_000_000L;

    private ScriptEngine engine;
    private LineDecider decider;
    private double roll;

    @BeforeEach
    void start() {
        BotConfig config = new ConfigLoader(Map.of(), ShippedPlugins.projectDir()).parse("""
                {"channels": [{"channel": "room"}],
                 "triggers": [{"name": "kung_fu", "patterns": ["karate"], "probability": 0.5, "cooldown_seconds": 60,
                               "max_responses_per_hour": 10, "priority": 5}]}
                """, "test");
        engine = new ScriptEngine();
        ScriptLibrary library = new ScriptLibrary(engine, config.paths().scripts(), config.paths().personalities(), config.scriptConfig());
        library.loadAll();
        RandomGenerator fixed = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return roll;
            }
        };
        Personas personas = new Personas(config.personality());
        decider = new LineDecider("room", engine, library, personas, personas.presetId(), personas.accountName(library.current()),
                new ChannelState("room", 30), config.scriptLimits(), fixed);
    }

    @AfterEach
    void stop() {
        decider.close();
        engine.close();
    }

    private static ChatEvent line(String user, String text, long at) {
        return new ChatEvent(user, text, text, at, false, false, null, "room", "cytu.be");
    }

    private PendingTurn pending(String id, String user, LineDecider.Triggered t, long at) {
        return new PendingTurn(id, user, "line", t.eligible(), t.historyMark(), at, "cytu.be", "room");
    }

    @Test
    void limitsAreCheckedOnArrivalAndChargedOnlyWhenATurnStarts() {
        roll = 0.1; // below the trigger's probability of 0.5: the roll passes
        var first = decider.chat(line("bob", "karate is art", NOW), NOW);
        var second = decider.chat(line("ann", "karate again", NOW + 1_000), NOW + 1_000);
        assertEquals(1, first.eligible().size(), "eligible on arrival");
        assertEquals(1, second.eligible().size(), "still eligible: arriving charged nothing");

        var started = decider.start(pending("a", "bob", first, NOW), NOW + 2_000);
        assertInstanceOf(LineDecider.Start.Started.class, started);
        var refused = decider.start(pending("b", "ann", second, NOW + 1_000), NOW + 3_000);
        var outcome = assertInstanceOf(Outcome.Refused.class, ((LineDecider.Start.NotStarted) refused).outcome());
        assertEquals("cooldown", outcome.rule(), "the first turn's start charged the cooldown: " + outcome);

        var later = decider.chat(line("cat", "karate at last", NOW + 63_000), NOW + 63_000);
        assertEquals(1, later.eligible().size(), "after the cooldown the trigger fires again");
    }

    @Test
    void aLineThatNeverStartsCostsItsTriggerNothing() {
        roll = 0.1;
        decider.chat(line("bob", "karate is art", NOW), NOW); // admitted, then dropped before it started
        var next = decider.chat(line("ann", "karate again", NOW + 1_000), NOW + 1_000);
        assertInstanceOf(LineDecider.Start.Started.class, decider.start(pending("b", "ann", next, NOW + 1_000), NOW + 1_000));
    }

    @Test
    void probabilityReadsTheInjectedRandomSource() {
        roll = 0.7; // above 0.5: the match is refused by its probability
        var missed = decider.chat(line("bob", "karate is art", NOW), NOW);
        assertTrue(missed.eligible().isEmpty());
        assertEquals("probability", missed.refusal().rule());
        roll = 0.2;
        assertEquals(1, decider.chat(line("bob", "karate, second try", NOW + 1), NOW + 1).eligible().size());
    }

    @Test
    void aTurnThatWaitedSeesTheHistoryAsItWasWhenItsLineArrived() {
        roll = 0.1;
        var turn = decider.chat(line("bob", "karate is art", NOW), NOW);
        decider.chat(line("ann", "a later line the prompt must not show", NOW + 1), NOW + 1);
        var started = (LineDecider.Start.Started) decider.start(pending("a", "bob", turn, NOW), NOW + 5);
        String prompt = started.decision().prompt().get(1).content();
        assertTrue(!prompt.contains("a later line"), prompt);
    }
}
