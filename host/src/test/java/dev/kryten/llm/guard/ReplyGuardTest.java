package dev.kryten.llm.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyGuardTest {
    private final ReplyGuard guard = new ReplyGuard(240, List.of("sk-live-abcdef123456", "short"));

    @Test
    void leadingSlashesAreRemovedSoCytubeRunsNoCommand() {
        assertEquals(List.of("clear"), guard.check(List.of("/clear"), "t"));
        assertEquals(List.of("mute x"), guard.check(List.of("  //  mute x"), "t"));
        assertEquals(List.of(), guard.check(List.of("/", " "), "t"));
        assertEquals(List.of("a /b"), guard.check(List.of("a /b"), "t"));
    }

    @Test
    void aReplyLeakingASecretIsDroppedWhole() {
        assertEquals(List.of(), guard.check(List.of("fine", "my key is sk-live-abcdef123456"), "t"));
        assertEquals(List.of("too short to be a secret: short"), guard.check(List.of("too short to be a secret: short"), "t"));
    }

    @Test
    void aCutNeverLeavesALineStartingWithASlash() {
        List<String> out = guard.check(List.of("x".repeat(240) + " /clear everything"), "t");
        assertEquals(List.of("x".repeat(240), "clear everything"), out);
    }

    @Test
    void overlongLinesAreCutToTheLimit() {
        List<String> out = guard.check(List.of("x".repeat(500)), "t");
        assertEquals(List.of("x".repeat(240), "x".repeat(240), "x".repeat(20)), out);
    }
}
