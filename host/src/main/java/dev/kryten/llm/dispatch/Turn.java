package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.script.TriggerMatch;

/**
 * One decision to answer, handed from a lane to the turn runner.
 *
 * @param request the prompt and persona for the providers
 * @param match   the trigger match that started it
 * @param user    who is answered
 * @param domain  the Robot's domain (copied into the say command)
 * @param channel the Robot's channel (copied into the say command)
 */
record Turn(CompletionRequest request, TriggerMatch match, String user, String domain, String channel) {}
