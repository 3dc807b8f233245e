package dev.kryten.llm.turn;

import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.FormatContext;

/**
 * A turn that has started: its prompt is built and its trigger limit charged. Handed from the lane
 * to the {@link TurnRunner}.
 *
 * @param line         the line being answered (id, channel, user, text, trigger); its outcome is {@link Outcome} to come
 * @param request      the prompt and persona for the providers
 * @param preferProvider a provider to try first, or null
 * @param format       what formatters need to know
 * @param domain       the Robot's domain (copied into the say command)
 * @param robotChannel the Robot's channel spelling (copied into the say command)
 */
public record ReadyTurn(LineRef line, CompletionRequest request, String preferProvider, FormatContext format, String domain,
                        String robotChannel) {

    /**
     * Which line a turn answers, for its outcome.
     *
     * @param trigger the match name that started it, or {@code command:<name>}
     */
    public record LineRef(String id, String channel, String user, String text, String trigger) {
        public LineOutcome outcome(java.time.Instant at, Outcome outcome) {
            return new LineOutcome(id, channel, user, text, trigger, at, outcome);
        }
    }
}
