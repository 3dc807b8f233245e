package dev.kryten.llm.command;

import java.util.List;

/**
 * {@code !persona} lists the channel's personalities (everyone) and {@code !persona <name>} swaps
 * it ({@code admin.min_rank}, CyTube moderator 2 by default).
 */
public final class PersonaCommand {
    private PersonaCommand() {}

    public static ChatCommand create(String name, double swapRank) {
        return new ChatCommand(name, 0, "lists personalities; '" + name + " <name>' switches (rank "
                + ChatCommands.formatRank(swapRank) + "+)", (call, channel) -> handle(name, swapRank, call, channel));
    }

    private static String handle(String name, double swapRank, Invocation call, ChannelControl channel) {
        List<String> available = channel.availablePersonalities();
        String wanted = call.args();
        if (wanted.isEmpty()) {
            StringBuilder list = new StringBuilder("Personalities: ");
            for (int i = 0; i < available.size(); i++) {
                String id = available.get(i);
                list.append(i == 0 ? "" : ", ").append(id).append(id.equals(channel.personalityId()) ? " (current)" : "");
            }
            return list.append(". Switch with ").append(name).append(" <name>.").toString();
        }
        if (call.rank() < swapRank) {
            return "Sorry " + call.user() + ", switching personalities needs channel rank " + ChatCommands.formatRank(swapRank)
                    + " or higher.";
        }
        if (wanted.equalsIgnoreCase(channel.personalityId())) {
            return "Already " + channel.personalityId() + ".";
        }
        String id = available.stream().filter(a -> a.equalsIgnoreCase(wanted)).findFirst().orElse(null);
        if (id == null || !channel.swapPersonality(id)) {
            return "No personality called " + wanted + ". Try: " + String.join(", ", available) + ".";
        }
        return "Personality switched to " + id + ": " + channel.personalityName() + " is here.";
    }
}
