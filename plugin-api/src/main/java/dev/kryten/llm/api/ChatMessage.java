package dev.kryten.llm.api;

import java.util.Objects;

/**
 * One message of the conversation sent to a model, in the order the prompt script built it.
 *
 * @param role    who speaks: the system (instructions, character), the user, or the assistant (the bot)
 * @param content plain text, never null
 */
public record ChatMessage(Role role, String content) {

    /** The three roles every chat-completion API knows. */
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        /** The lower-case wire name ({@code "system"}, {@code "user"}, {@code "assistant"}). */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
