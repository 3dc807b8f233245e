package dev.kryten.llm.bench;

import dev.kryten.llm.support.KrytenWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Chat lines that look like a busy CyTube channel: short lines of film talk, some HTML entities,
 * a few trigger words ("karate", "kung fu"), no mention of the bot (mentions are measured apart:
 * they leave the lane). Each line gets its own live time, so none is dropped as a duplicate or replay.
 */
final class Corpus {
    private static final String[] WORDS = ("the this that film movie scene kick fight punch actor director print reel "
            + "trailer grindhouse b-movie cult classic dubbing 1985 sequel stunt wire hong kong night double feature lol "
            + "wow great terrible best worst ever again really &#39;s &amp; &gt; popcorn drive-in projector").split(" ");
    private static final String[] USERS = {"GrindhouseGreg", "alice", "bob", "Zed", "MovieMaven", "reelfan88", "nightowl"};

    private Corpus() {}

    static List<byte[]> lines(int count, long seed, String channel, String domain) {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>(count);
        long time = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int words = 3 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            if (random.nextInt(50) == 0) {
                text.append(random.nextBoolean() ? " karate" : " kung fu");
            }
            out.add(KrytenWire.chatMsg(channel, domain, USERS[random.nextInt(USERS.length)], text.toString(), time + i, null));
        }
        return out;
    }

    /** The config triggers kryten-llm ships as examples. */
    static final String TRIGGERS = """
            "triggers": [
              {"name": "toddy", "patterns": ["toddy", "todd", "god-emperor"], "probability": 0.15, "cooldown_seconds": 300,
               "max_responses_per_hour": 3, "priority": 7, "context": "Toddy is your NEW god."},
              {"name": "kung_fu", "patterns": ["kung fu", "martial arts", "karate"], "probability": 0.2, "cooldown_seconds": 180,
               "max_responses_per_hour": 5, "priority": 5, "context": "User is asking about martial arts or kung fu movies."}
            ]""";
}
