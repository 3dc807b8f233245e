package dev.kryten.llm.dispatch;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The chat command that lists or swaps the channel's personality ({@code !persona},
 * {@code !persona <name>}). Listing is open to everyone; swapping needs {@code admin.min_rank}
 * (CyTube moderator, 2, by default). It answers with a fixed line, no model involved.
 */
final class PersonaCommand {
    private final String command;
    private final double minRank;

    PersonaCommand(String command, double minRank) {
        this.command = command.toLowerCase(Locale.ROOT);
        this.minRank = minRank;
    }

    /** The reply if the line is this command, else empty (the line goes on to the triggers). */
    Optional<String> handle(String user, String text, double rank, LineDecider decider) {
        String line = text.strip();
        String lower = line.toLowerCase(Locale.ROOT);
        if (!(lower.equals(command) || lower.startsWith(command + " "))) {
            return Optional.empty();
        }
        String wanted = line.substring(command.length()).strip();
        List<String> available = decider.availablePersonalities();
        if (wanted.isEmpty()) {
            StringBuilder list = new StringBuilder("Personalities: ");
            for (int i = 0; i < available.size(); i++) {
                String id = available.get(i);
                list.append(i == 0 ? "" : ", ").append(id).append(id.equals(decider.personalityId()) ? " (current)" : "");
            }
            return Optional.of(list.append(". Switch with ").append(command).append(" <name>.").toString());
        }
        if (rank < minRank) {
            return Optional.of("Sorry " + user + ", switching personalities needs channel rank " + formatRank(minRank) + " or higher.");
        }
        if (wanted.equalsIgnoreCase(decider.personalityId())) {
            return Optional.of("Already " + decider.personalityId() + ".");
        }
        String id = available.stream().filter(a -> a.equalsIgnoreCase(wanted)).findFirst().orElse(null);
        if (id == null || !decider.swapPersonality(id)) {
            return Optional.of("No personality called " + wanted + ". Try: " + String.join(", ", available) + ".");
        }
        return Optional.of("Personality switched to " + id + ": " + decider.scripts().personality().name() + " is here.");
    }

    private static String formatRank(double rank) {
        return rank == Math.rint(rank) ? Long.toString((long) rank) : Double.toString(rank);
    }
}
