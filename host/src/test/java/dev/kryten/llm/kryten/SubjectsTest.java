package dev.kryten.llm.kryten;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The normalisation table of kryten-protocol.md §1.2, produced there by running Kryten's own normalize_token. */
class SubjectsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "420Grindhouse | kryten.events.cytube.420grindhouse.chatmsg",
            "Test_Channel  | kryten.events.cytube.test_channel.chatmsg",
            "my-chan       | kryten.events.cytube.my-chan.chatmsg",
            "'My Channel!' | kryten.events.cytube.my-channel.chatmsg",
            "a.b           | kryten.events.cytube.ab.chatmsg",
            "café          | kryten.events.cytube.café.chatmsg",
    })
    void chatSubjectMatchesWhatTheRobotPublishes(String channel, String subject) {
        assertEquals(subject, Subjects.event(channel, "chatMsg"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "userLeave | userleave",
            "changeMedia | changemedia",
            "'a*b>c' | abc",
            "'x!@#$%^&*()+=[]{|}\\:;\"''<>,?/y' | xy",
            "'tab\there' | 'tab\there'",
            "~`_- | ~`_-",
    })
    void tokensAreNormalisedLikeKryten(String token, String expected) {
        assertEquals(expected, Subjects.normalizeToken(token));
    }

    @org.junit.jupiter.api.Test
    void tokensAreCutAtOneHundredCharacters() {
        assertEquals(100, Subjects.normalizeToken("x".repeat(150)).length());
    }

    @org.junit.jupiter.api.Test
    void wildcardForAChannel() {
        assertEquals("kryten.events.cytube.420grindhouse.>", Subjects.allEvents("420Grindhouse"));
        assertEquals("userleave", Subjects.lastToken("kryten.events.cytube.420grindhouse.userleave"));
    }
}
