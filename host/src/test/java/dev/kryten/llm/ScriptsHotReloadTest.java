package dev.kryten.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kryten.llm.support.FakeOpenAiServer;
import dev.kryten.llm.support.LogCapture;
import dev.kryten.llm.support.RunningBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.kryten.llm.support.OutcomeRecorder;
import dev.kryten.llm.turn.LineOutcome;
import dev.kryten.llm.turn.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing scripts and personalities while the bot runs on real NATS changes what it does, without a restart. */
class ScriptsHotReloadTest {
    @TempDir Path dir;
    RunningBot bot;
    LogCapture log;
    long time;

    @BeforeEach
    void start() throws Exception {
        log = new LogCapture();
        bot = RunningBot.startWithEditableScripts(dir, "");
        bot.llm.reply(FakeOpenAiServer.Reply.completion("Bananas are a fruit, not a weapon."));
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
        log.close();
    }

    /** Each line gets its own live time, so none is mistaken for a replayed duplicate. */
    private void say(String user, String text) {
        time = Math.max(time + 1, System.currentTimeMillis());
        bot.chat(user, text, time, null);
    }

    /** The user prompt the model received for the next answered line, or null if none came. */
    private String nextPrompt(long timeoutMs) throws Exception {
        var request = bot.llm.nextRequest(timeoutMs);
        return request == null ? null : request.body().path("messages").get(1).path("content").asText();
    }

    private void writeBanana(String body) throws Exception {
        log.clear();
        Files.writeString(bot.scripts.resolve("triggers/banana.js"), body);
    }

    private static String banana(String version) {
        return """
                // @ts-check
                export const prefilter = { words: ['banana'] };
                export default function banana(message) {
                  return { name: 'banana', priority: 6, context: 'BANANA-%s' };
                }
                """.formatted(version);
    }

    @Test
    void aTriggerIsAddedChangedBrokenFixedAndDeletedWhileTheBotRuns() throws Exception {
        say("Greg", "banana split anyone?");
        assertNull(nextPrompt(500), "no trigger for bananas yet");

        writeBanana(banana("V1"));
        log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "scripts/triggers/banana.js added");
        say("Greg", "banana time");
        assertTrue(nextPrompt(10_000).contains("Context: BANANA-V1"));
        assertNotNull(bot.nextSay(5_000));

        writeBanana(banana("V2"));
        log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "scripts/triggers/banana.js reloaded");
        say("Greg", "banana again");
        assertTrue(nextPrompt(10_000).contains("Context: BANANA-V2"));

        writeBanana("export default function banana(message) {\n  return { name: 'banana', context: 'BANANA-BROKEN' \n}\n");
        String error = log.await(5_000, "scripts/triggers/banana.js", "keeping the last good version");
        assertTrue(java.util.regex.Pattern.compile("banana\\.js:\\d+:\\d+: SyntaxError").matcher(error).find(), "the error names the line and column: " + error);
        say("Greg", "banana still?");
        assertTrue(nextPrompt(10_000).contains("Context: BANANA-V2"), "the last good version keeps answering");

        writeBanana(banana("V3"));
        log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "scripts/triggers/banana.js reloaded");
        say("Greg", "banana fixed");
        assertTrue(nextPrompt(10_000).contains("Context: BANANA-V3"));

        log.clear();
        Files.delete(bot.scripts.resolve("triggers/banana.js"));
        log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "scripts/triggers/banana.js removed");
        say("Greg", "banana gone?");
        assertNull(nextPrompt(700), "a deleted trigger no longer answers");

        say("Greg", "cynthia, still with us?");
        assertNotNull(nextPrompt(10_000), "the other triggers were never disturbed");
    }

    @Test
    void everyLineIsDecidedExactlyOnceWhileScriptsReload() throws Exception {
        writeBanana(banana("V0"));
        log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "scripts/triggers/banana.js added");
        OutcomeRecorder outcomes = new OutcomeRecorder();
        bot.host.listeners().add(outcomes);
        int lines = 300;
        for (int i = 0; i < lines; i++) {
            say("Greg" + (i % 7), "banana number " + i);
            if (i % 50 == 25) { // six reloads spread over the lines, while the earlier ones are still being decided
                log.clear();
                Files.writeString(bot.scripts.resolve("triggers/banana.js"), banana("V" + (i / 50 + 1)));
                log.await(10_000, "scripts/triggers/banana.js reloaded");
            }
        }
        List<LineOutcome> decided = outcomes.awaitCount(o -> o.text() != null && o.text().startsWith("banana number"), lines,
                30_000);
        Map<String, List<LineOutcome>> byLine = decided.stream().collect(Collectors.groupingBy(LineOutcome::text));
        assertEquals(lines, byLine.size(), "every line has an outcome");
        byLine.forEach((text, list) -> assertEquals(1, list.size(), text + " was decided more than once: " + list));
        for (LineOutcome o : decided) {
            assertEquals("banana", o.trigger(), "the banana trigger (some version of it) matched " + o);
            switch (o.outcome()) {
                case Outcome.Answered a -> { }
                case Outcome.Refused r -> assertEquals("busy", r.rule(), o.toString());
                case Outcome.Dropped d -> assertTrue(d.reason().startsWith("replaced by a newer line")
                        || d.reason().startsWith("queue full"), "dropped only before it started: " + o);
                default -> fail("unexpected outcome " + o);
            }
        }
        long answered = decided.stream().filter(o -> o.outcome() instanceof Outcome.Answered).count();
        assertTrue(answered > 0, "some lines were answered");
        java.util.TreeMap<Integer, Integer> versionByLine = new java.util.TreeMap<>();
        for (int i = 0; i < answered; i++) {
            var request = bot.llm.nextRequest(10_000);
            assertNotNull(request, "each answered line reached the model");
            String user = request.body().path("messages").get(1).path("content").asText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("says: banana number (\\d+)[\\s\\S]*BANANA-V(\\d)")
                    .matcher(user);
            assertTrue(m.find(), user);
            assertNull(versionByLine.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                    "line " + m.group(1) + " reached the model twice");
        }
        // a lane starts turns in line order, each with the scripts current then: versions never go back
        int lastVersion = -1;
        for (var entry : versionByLine.entrySet()) {
            assertTrue(entry.getValue() >= lastVersion, "line " + entry.getKey() + " used V" + entry.getValue()
                    + " after an earlier line used V" + lastVersion + ": " + versionByLine);
            lastVersion = entry.getValue();
        }
        assertNull(bot.llm.nextRequest(200), "no request beyond the answered lines");
        assertTrue(log.contains("scripts/triggers/banana.js reloaded"));
    }

    @Test
    void aChangeThatBreaksAFileImportingItIsRefused() throws Exception {
        Path prompt = bot.scripts.resolve("prompts/default.js");
        String good = Files.readString(prompt);
        // personalities/projectionist.js imports systemPrompt from the prompt file
        Files.writeString(prompt, good.replace("export function systemPrompt", "function systemPromptRenamed"));
        String error = log.await(5_000, "scripts/prompts/default.js changed; keeping the last good version");
        assertTrue(error.contains("personalities/projectionist.js") && error.contains("systemPrompt"), error);
        say("Greg", "hey cynthia, prompt still fine?");
        assertTrue(nextPrompt(10_000).contains("Greg says: hey prompt still fine?"), "the last good prompt still builds");
    }

    @Test
    void editingThePersonalityFileChangesTheNextAnswersVoice() throws Exception {
        Path file = bot.personalities.resolve("cynthia-rothrock.js");
        Files.writeString(file, Files.readString(file).replace("short and punchy", "in rhyming couplets"));
        log.awaitScripts(10_000, List.of(RunningBot.CHANNEL), "personalities/cynthia-rothrock.js reloaded");
        say("Greg", "cynthia, talk to me");
        var request = bot.llm.nextRequest(10_000);
        assertTrue(request.body().path("messages").get(0).path("content").asText().contains("Response style: in rhyming couplets."));
    }

    @Test
    void personalitySwapsByChatCommandNatsRequestAndConfigEdit() throws Exception {
        bot.users(Map.of("Mod", 2, "Guest", 0, "CynthiaRothbot", 2));
        say("Guest", "!persona projectionist");
        assertEquals("Sorry Guest, switching personalities needs channel rank 2 or higher.", bot.nextSay(5_000));
        say("Guest", "!persona");
        assertEquals("Personalities: cynthia-rothrock (current), projectionist. Switch with !persona <name>.", bot.nextSay(5_000));

        say("Mod", "!persona projectionist");
        assertEquals("Personality switched to projectionist: ReelRoxy is here.", bot.nextSay(5_000));
        say("Greg", "roxy, what is on tonight?");
        var roxy = bot.llm.nextRequest(10_000);
        assertTrue(roxy.body().path("messages").get(0).path("content").asText().startsWith("You are ReelRoxy"));
        assertNotNull(bot.nextSay(5_000));
        say("Greg", "cynthiarothbot, are you still there?");
        assertNotNull(bot.llm.nextRequest(10_000), "the account name still counts as a mention after a swap");
        bot.nextSay(5_000);

        var reply = bot.request("kryten.llm.command",
                "{\"command\": \"personality.set\", \"channel\": \"420Grindhouse\", \"personality\": \"cynthia-rothrock\"}");
        assertTrue(reply.path("success").asBoolean(), reply.toString());
        assertEquals("llm", reply.path("service").asText());
        say("Greg", "cynthia, back?");
        var cynthia = bot.llm.nextRequest(10_000);
        assertTrue(cynthia.body().path("messages").get(0).path("content").asText().startsWith("You are CynthiaRothbot"));
        bot.nextSay(5_000);

        var viaNats = bot.request("kryten.llm.command",
                "{\"command\": \"chat.command\", \"channel\": \"420Grindhouse\", \"name\": \"!persona\", \"args\": \"\"}");
        assertEquals("Personalities: cynthia-rothrock (current), projectionist. Switch with !persona <name>.",
                viaNats.path("data").path("reply").asText(), "the chat command registry serves NATS too: " + viaNats);

        var refused = bot.request("kryten.llm.command",
                "{\"command\": \"personality.set\", \"channel\": \"420Grindhouse\", \"personality\": \"nobody\"}");
        assertEquals(false, refused.path("success").asBoolean());
        assertTrue(refused.path("error").asText().contains("nobody"));

        bot.writeConfigWithChannelPersonality("projectionist", "");
        log.await(5_000, "420Grindhouse now uses personality projectionist");
        say("Greg", "roxy, and now?");
        var fromConfig = bot.llm.nextRequest(10_000);
        assertTrue(fromConfig.body().path("messages").get(0).path("content").asText().startsWith("You are ReelRoxy"));
        var get = bot.request("kryten.llm.command", "{\"command\": \"personality.get\", \"channel\": \"420Grindhouse\"}");
        assertEquals("projectionist", get.path("data").path("personality").asText());
    }

    @Test
    void aBrokenConfigEditIsIgnoredAndTheRunningConfigStays() throws Exception {
        Files.writeString(bot.config, "{ \"channels\": [ }");
        log.await(5_000, "config change ignored", "invalid JSON");
        say("Greg", "cynthia, config ok?");
        assertNotNull(nextPrompt(10_000));
    }
}
