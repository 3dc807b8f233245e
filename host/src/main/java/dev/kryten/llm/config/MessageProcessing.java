package dev.kryten.llm.config;

import java.time.Duration;

/**
 * The {@code message_processing} section: how chat is read and written.
 *
 * @param maxMessageLength [{@code max_message_length}] longest line sent, characters, default 240 (CyTube cuts at 320)
 * @param splitDelay       [{@code split_delay_seconds}] pause between the parts of one reply, default 2 s
 * @param chatMinDelay     [{@code chat_min_delay}] least time between any two lines sent, default 1 s (as kryten-py)
 * @param chatJitter       [{@code chat_jitter}] random extra pause up to this, default 0.5 s
 * @param maxMessageAge    [{@code max_message_age_seconds}] chat older than this (by its CyTube time) is replay, default 60 s
 * @param robotAckTimeout  [{@code robot_ack_timeout_seconds}] how long one {@code say} waits for Kryten-Robot's acknowledgement, default 5 s
 * @param robotWait        [{@code robot_wait_seconds}] how long a reply waits for an absent Robot before it is dropped, default 60 s
 */
public record MessageProcessing(
        int maxMessageLength,
        Duration splitDelay,
        Duration chatMinDelay,
        Duration chatJitter,
        Duration maxMessageAge,
        Duration robotAckTimeout,
        Duration robotWait) {
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 240;
    public static final double DEFAULT_SPLIT_DELAY_SECONDS = 2.0;
    public static final double DEFAULT_CHAT_MIN_DELAY = 1.0;
    public static final double DEFAULT_CHAT_JITTER = 0.5;
    public static final int DEFAULT_MAX_MESSAGE_AGE_SECONDS = 60;
    public static final double DEFAULT_ROBOT_ACK_TIMEOUT_SECONDS = 5;
    public static final double DEFAULT_ROBOT_WAIT_SECONDS = 60;
}
