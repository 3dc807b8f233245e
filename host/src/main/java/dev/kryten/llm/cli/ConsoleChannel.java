package dev.kryten.llm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.kryten.KrytenCommands;
import dev.kryten.llm.kryten.Subjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A stand-in for CyTube plus Kryten-Robot in one terminal: what you type is published as a
 * {@code chatMsg} event in Kryten's envelope (HTML-escaped like CyTube does), and every {@code say}
 * command the bot publishes is printed and echoed back as the bot's own {@code chatMsg}, as the
 * real bridge does.
 */
final class ConsoleChannel {
    private final ObjectMapper json = new ObjectMapper();
    private final Connection connection;
    private final String domain;
    private final String channel;
    private final String user;
    private final String botName;
    private final PrintStream out;

    ConsoleChannel(Connection connection, String domain, String channel, String user, String botName, PrintStream out) {
        this.connection = connection;
        this.domain = domain;
        this.channel = channel;
        this.user = user;
        this.botName = botName;
        this.out = out;
    }

    /** Publishes who is here and what is playing, then relays lines until end of input. */
    void run(BufferedReader in) throws IOException {
        Dispatcher robot = connection.createDispatcher(message -> {
            onCommand(message.getData());
            if (message.getReplyTo() != null) { // acknowledge as Kryten-Robot does: the bot counts a line as said only then
                connection.publish(message.getReplyTo(),
                        "{\"service\":\"robot\",\"command\":\"say\",\"success\":true,\"data\":{\"success\":true}}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        robot.subscribe(Subjects.ROBOT_COMMAND);
        try {
            connection.flush(java.time.Duration.ofSeconds(5)); // the server knows the console plays the Robot before any line is typed
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            out.println("(console: NATS did not confirm the subscription: " + e + ")");
        }
        ArrayNode users = json.createArrayNode();
        users.add(userObject(botName, 2));
        users.add(userObject(user, 2));
        publish("userlist", users);
        ObjectNode media = json.createObjectNode()
                .put("id", "demo").put("title", "Lady Terminator (1989)").put("seconds", 5_340)
                .put("duration", "01:29:00").put("type", "fi").put("currentTime", 0).put("paused", false);
        media.putObject("meta");
        publish("changeMedia", media);

        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().equals("/quit")) {
                break;
            }
            publish("chatMsg", chat(user, line));
        }
        connection.closeDispatcher(robot);
    }

    private void onCommand(byte[] body) {
        try {
            JsonNode command = json.readTree(body);
            if (!"say".equals(command.path("command").asText())) {
                return;
            }
            String text = command.path("args").path("message").asText(command.path("args").path("msg").asText(""));
            out.println(botName + ": " + text);
            out.flush();
            publish("chatMsg", chat(botName, text));
        } catch (IOException e) {
            out.println("(console: unreadable command: " + e.getMessage() + ")");
        }
    }

    private ObjectNode chat(String from, String text) {
        ObjectNode payload = json.createObjectNode();
        payload.put("username", from);
        payload.put("msg", escape(text));
        payload.putObject("meta");
        payload.put("time", System.currentTimeMillis());
        return payload;
    }

    private ObjectNode userObject(String name, double rank) {
        ObjectNode u = json.createObjectNode().put("name", name).put("rank", rank);
        u.putObject("profile").put("image", "").put("text", "");
        u.putObject("meta").put("afk", false).put("muted", false);
        return u;
    }

    private void publish(String event, JsonNode payload) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("event_name", event);
        envelope.set("payload", payload);
        envelope.put("channel", channel);
        envelope.put("domain", domain);
        envelope.put("timestamp", KrytenCommands.timestamp());
        envelope.put("correlation_id", UUID.randomUUID().toString());
        connection.publish(Subjects.event(channel, event), envelope.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** CyTube's XSS.sanitizeText: the text arrives HTML-escaped. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                case '(' -> s.append("&#40;");
                case ')' -> s.append("&#41;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
