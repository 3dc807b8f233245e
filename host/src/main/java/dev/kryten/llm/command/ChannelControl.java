package dev.kryten.llm.command;

import java.util.List;

/**
 * What a command may change in its channel. Implemented by the channel's lane state and called on
 * the lane's thread only, between two messages.
 */
public interface ChannelControl {
    String personalityId();

    /** The character's name as it speaks of itself. */
    String personalityName();

    List<String> availablePersonalities();

    /** Switches the channel's personality; false when there is no such personality or it does not load. */
    boolean swapPersonality(String id);
}
