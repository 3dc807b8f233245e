package dev.kryten.llm.command;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one registry of chat commands, used by chat lines, private messages and the NATS command
 * endpoint alike: it finds the command, checks the caller's rank and runs the handler. A command
 * answers with a fixed line; no model is involved.
 */
public final class ChatCommands {
    private final Map<String, ChatCommand> byName = new ConcurrentHashMap<>();

    public ChatCommands register(ChatCommand command) {
        byName.put(command.name().toLowerCase(Locale.ROOT), command);
        return this;
    }

    public List<ChatCommand> all() {
        return byName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** The command a line calls ("!persona projectionist" → !persona), if it is one. */
    public Optional<ChatCommand> find(String line) {
        String stripped = line.strip();
        int space = stripped.indexOf(' ');
        String word = (space < 0 ? stripped : stripped.substring(0, space)).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(byName.get(word));
    }

    /** Runs the command a chat line or PM calls; empty when the line is no command (it goes on to the triggers). */
    public Optional<String> runLine(String channel, String user, double rank, String line, CommandSource source,
                                    ChannelControl control) {
        Optional<ChatCommand> command = find(line);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        String stripped = line.strip();
        String args = stripped.length() > command.get().name().length() ? stripped.substring(command.get().name().length()).strip() : "";
        return Optional.of(run(command.get(), new Invocation(channel, user, rank, args, source), control));
    }

    /** Runs a command after the rank check. */
    public String run(ChatCommand command, Invocation call, ChannelControl control) {
        if (call.rank() < command.minRank()) {
            return "Sorry " + call.user() + ", " + command.name() + " needs channel rank " + formatRank(command.minRank()) + " or higher.";
        }
        return command.handler().handle(call, control);
    }

    static String formatRank(double rank) {
        return rank == Math.rint(rank) ? Long.toString((long) rank) : Double.toString(rank);
    }
}
