package dev.kryten.llm.turn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log as a listener: one line per outcome, at a level that matches what an operator must act
 * on (answers and refusals at INFO, dropped work and failures at WARN, the quiet majority of lines
 * at DEBUG), and one line per part said.
 */
public final class OutcomeLog implements TurnListener {
    private static final Logger log = LoggerFactory.getLogger(OutcomeLog.class);

    @Override
    public void onOutcome(LineOutcome line) {
        String who = line.user() == null ? "media change" : line.user();
        switch (line.outcome()) {
            case Outcome.Ignored o -> log.debug("[{}] ignored {} in {}: {}", line.id(), who, line.channel(), o.reason());
            case Outcome.NotTriggered o -> log.debug("[{}] no trigger for {} in {}", line.id(), who, line.channel());
            case Outcome.Refused o -> log.info("[{}] not answering {} in {} ({}): {}", line.id(), who, line.channel(), o.rule(),
                    o.detail());
            case Outcome.Answered o -> log.info("[{}] answered {} in {} via {} in {} ms ({} tokens in, {} out, {} part(s))",
                    line.id(), who, line.channel(), o.provider(), o.latency().toMillis(), o.promptTokens(),
                    o.completionTokens(), o.parts().size());
            case Outcome.Failed o -> log.warn("[{}] no answer to {} in {}: {}", line.id(), who, line.channel(), o.reason());
            case Outcome.Dropped o -> log.warn("[{}] dropped the turn for {} in {}: {}", line.id(), who, line.channel(),
                    o.reason());
        }
    }

    @Override
    public void onPartSent(PartSent part) {
        log.info("[{}] said in {}: {}", part.id(), part.channel(), part.text());
    }
}
