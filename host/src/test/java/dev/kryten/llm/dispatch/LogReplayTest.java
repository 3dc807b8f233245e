package dev.kryten.llm.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.config.BotConfig;
import dev.kryten.llm.config.ConfigLoader;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.support.ShippedPlugins;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `kryten-llm replay` over the shipped scripts: which lines would be answered, by what, with which prompt. */
class LogReplayTest {
    private static final String LOG = """
            # an evening in the channel
            GrindhouseGreg: anyone seen the new print of Lady Terminator?
            {"event_name": "changeMedia", "payload": {"id": "lt", "title": "Lady Terminator (1989)", "seconds": 5340, "type": "fi"}, "channel": "420Grindhouse", "domain": "cytu.be"}
            alice: hey cynthia, best kick in film?
            CynthiaRothbot: Spinning back kick. Next question.
            bob: karate chops are underrated
            bob: karate again, right away
            [server]: cynthia was promoted
            this line has no colon-space separator
            {"subject": "kryten.events.cytube.420grindhouse.chatmsg", "data": {"event_name": "chatMsg", "payload": {"username": "Zed", "msg": "rothrock &gt; everyone", "meta": {}, "time": 1795584174606}, "channel": "420Grindhouse", "domain": "cytu.be"}}
            """;

    @Test
    void replayPrintsWhatWouldBeAnsweredWithoutCallingAModel() throws Exception {
        BotConfig config = new ConfigLoader(Map.of(), ShippedPlugins.projectDir()).parse("""
                {"channels": [{"channel": "420Grindhouse"}],
                 "triggers": [{"name": "kung_fu", "patterns": ["karate"], "probability": 1, "cooldown_seconds": 180,
                               "context": "User is asking about martial arts."}],
                 "media_change": {"enabled": true, "min_duration_minutes": 30}}
                """, "test");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int answered;
        try (ScriptEngine engine = new ScriptEngine()) {
            ScriptLibrary library = new ScriptLibrary(engine, config.paths().scripts(), config.paths().personalities(), config.scriptConfig());
            library.loadAll();
            answered = new LogReplay(config, engine, library, 5_000, true)
                    .run(new BufferedReader(new StringReader(LOG)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, answered, out);
        assertTrue(out.contains("#3 (changeMedia: Lady Terminator (1989))\n    → media_change"), out);
        assertTrue(out.contains("#4 alice: hey cynthia, best kick in film?\n    → mention (trigger mention, priority 10)"), out);
        assertTrue(out.contains("[user] alice says: hey best kick in film?"), out);
        assertTrue(out.contains("#6 bob: karate chops are underrated\n    → kung_fu (trigger patterns, priority 5, context: User is asking about martial arts.)"), out);
        assertTrue(!out.contains("#7 bob"), "the trigger's cooldown holds in replay too:\n" + out);
        assertTrue(out.contains("#9 skipped: not `user: text` nor JSON"), out);
        assertTrue(out.contains("#10 Zed: rothrock > everyone\n    → mention"), out);
        assertTrue(out.strip().endsWith("7 chat line(s) read, 4 would have been answered: {kung_fu=1, media_change=1, mention=2}"), out);
    }
}
