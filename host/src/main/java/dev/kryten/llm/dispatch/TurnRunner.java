package dev.kryten.llm.dispatch;

import dev.kryten.llm.api.FormatContext;
import dev.kryten.llm.format.FormatterChain;
import dev.kryten.llm.guard.ReplyGuard;
import dev.kryten.llm.provider.Answer;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.send.ChatSender;
import dev.kryten.llm.send.Reply;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything after the decision to answer, on a virtual thread per turn so a slow model never
 * delays reading chat: provider chain, formatters, guard, then the channel's sender. At most
 * {@code MAX_IN_FLIGHT} turns run at once; more are refused with a log line, not queued without bound.
 */
final class TurnRunner {
    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);
    static final int MAX_IN_FLIGHT = 64;

    private final ProviderChain providers;
    private final FormatterChain formatters;
    private final ReplyGuard guard;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    TurnRunner(ProviderChain providers, FormatterChain formatters, ReplyGuard guard) {
        this.providers = providers;
        this.formatters = formatters;
        this.guard = guard;
    }

    void submit(Turn turn, FormatContext format, ChatSender sender) {
        if (!inFlight.tryAcquire()) {
            log.error("[{}] not answering {} in {}: {} turns already waiting for providers", turn.request().correlationId(),
                    turn.user(), turn.channel(), MAX_IN_FLIGHT);
            return;
        }
        Thread.ofVirtual().name("turn-" + turn.request().correlationId()).start(() -> {
            try {
                run(turn, format, sender);
            } catch (RuntimeException | Error e) {
                log.error("[{}] turn failed, no reply to {}: {}", turn.request().correlationId(), turn.user(), e.toString(), e);
            } finally {
                inFlight.release();
            }
        });
    }

    private void run(Turn turn, FormatContext format, ChatSender sender) {
        String id = turn.request().correlationId();
        Optional<Answer> answer = providers.complete(turn.request(), turn.match().preferProvider());
        if (answer.isEmpty()) {
            return;
        }
        var completion = answer.get().completion();
        log.info("[{}] {} answered {} in {} ms ({} tokens in, {} out)", id, answer.get().provider(), turn.user(),
                completion.latency().toMillis(), completion.usage().promptTokens(), completion.usage().completionTokens());
        if (guard.containsSecret(completion.text())) {
            log.error("[{}] dropped the answer from {}: it contains a configured secret (API key or password)", id,
                    answer.get().provider());
            return;
        }
        List<String> parts = guard.check(formatters.format(completion.text(), format), id);
        if (parts.isEmpty()) {
            log.warn("[{}] nothing left to say after formatting; model said: {}", id, abbreviate(completion.text()));
            return;
        }
        sender.submit(new Reply(parts, turn.domain(), turn.channel(), id));
    }

    private static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
