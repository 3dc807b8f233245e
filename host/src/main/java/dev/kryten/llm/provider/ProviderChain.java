package dev.kryten.llm.provider;

import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import dev.kryten.llm.api.ProviderSettings;
import dev.kryten.llm.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the configured providers in order until one answers. Each attempt that fails is logged on
 * one line (provider, reason); when all fail the turn ends silently in chat and says so in the log.
 * The chain also enforces each provider's timeout itself, so a plugin that ignores it cannot hang a turn.
 */
public final class ProviderChain {
    private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);
    /** Extra time a plugin gets past its own timeout before the chain stops waiting. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final List<ProviderSettings> providers;
    private final Map<String, LlmProvider> byType;

    /** Checks that a plugin serves every configured type; the error names the config key. */
    public ProviderChain(List<ProviderSettings> providers, Map<String, LlmProvider> byType) {
        this.providers = List.copyOf(providers);
        this.byType = Map.copyOf(byType);
        for (ProviderSettings settings : providers) {
            if (!byType.containsKey(settings.type().toLowerCase(Locale.ROOT))) {
                throw new ConfigException("llm_providers." + settings.name() + ".type",
                        "no plugin provides type '" + settings.type() + "' (plugins offer: " + byType.keySet()
                                + "; is its jar in the plugins folder?)");
            }
        }
    }

    public List<String> names() {
        return providers.stream().map(ProviderSettings::name).toList();
    }

    /** Tries the preferred provider first (if it is configured), then the rest in order. */
    public Optional<Answer> complete(CompletionRequest request, String preferred) {
        for (ProviderSettings settings : order(preferred)) {
            LlmProvider provider = byType.get(settings.type().toLowerCase(Locale.ROOT));
            try {
                var completion = callWithDeadline(provider, request, settings);
                return Optional.of(new Answer(settings.name(), completion));
            } catch (ProviderException e) {
                log.warn("[{}] provider {} failed: {}", request.correlationId(), settings.name(), e.error().describe());
            } catch (RuntimeException e) {
                log.error("[{}] provider {} ({}) broke: {}", request.correlationId(), settings.name(),
                        provider.getClass().getName(), e.toString());
            }
        }
        log.warn("[{}] no answer: every provider failed ({})", request.correlationId(), names());
        return Optional.empty();
    }

    private List<ProviderSettings> order(String preferred) {
        if (preferred == null) {
            return providers;
        }
        List<ProviderSettings> ordered = new ArrayList<>(providers.size());
        providers.stream().filter(p -> p.name().equals(preferred)).forEach(ordered::add);
        providers.stream().filter(p -> !p.name().equals(preferred)).forEach(ordered::add);
        return ordered;
    }

    private static dev.kryten.llm.api.Completion callWithDeadline(LlmProvider provider, CompletionRequest request,
                                                                  ProviderSettings settings) throws ProviderException {
        FutureTask<dev.kryten.llm.api.Completion> task = new FutureTask<>(() -> provider.complete(request, settings));
        Thread.ofVirtual().name("provider-" + settings.name()).start(task);
        Duration deadline = settings.timeout().plus(GRACE);
        try {
            return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ProviderException(new ProviderError.Timeout(settings.timeout()), e);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(new ProviderError.Unavailable("interrupted"), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException pe) {
                throw pe;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
