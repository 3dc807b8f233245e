package dev.kryten.llm.plugins.example;

import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import dev.kryten.llm.api.ProviderSettings;
import java.time.Duration;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The smallest useful provider: it answers with what the user said. Config:
 * {@code "llm_providers": {"echo": {"type": "example_echo", "delay_ms": 0}}}. {@code delay_ms}
 * makes it slow on purpose (the tests use it to keep a request in flight).
 */
@Extension
public final class EchoProvider implements LlmProvider {
    private static final Logger log = LoggerFactory.getLogger(EchoProvider.class);
    @Override
    public Set<String> types() {
        return Set.of("example_echo");
    }

    @Override
    public Completion complete(CompletionRequest request, ProviderSettings settings) throws ProviderException {
        long started = System.nanoTime();
        if (settings.options().get("delay_ms") instanceof Number delay && delay.longValue() > 0) {
            log.info("[{}] echo holding the answer for {} ms", request.correlationId(), delay.longValue());
            try {
                Thread.sleep(delay.longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(new ProviderError.Unavailable("interrupted"), e);
            }
        }
        return new Completion("Echo: " + request.userText(), "echo", Completion.Usage.UNKNOWN,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
