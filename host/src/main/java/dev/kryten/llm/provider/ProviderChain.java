package dev.kryten.llm.provider;

import dev.kryten.llm.config.RetryPolicy;
import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import dev.kryten.llm.api.ProviderSettings;
import dev.kryten.llm.config.ConfigException;
import dev.kryten.llm.plugin.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Asks the configured providers in order until one answers: the trigger's preferred provider
 * first, then {@code default_provider_priority}. Each provider gets its {@code max_retries} with
 * exponential back-off ({@code retry_strategy}), honouring {@code Retry-After} on 429, and is skipped
 * while its circuit breaker is open or its {@code daily_token_budget} is spent. Errors that retrying
 * cannot fix (401, 403, other 4xx) move on at once. One deadline bounds the whole chain. Every
 * failed attempt is one log line; when all fail the turn ends silently in chat and says so in the log.
 * The chain also enforces each call's timeout itself, so a plugin that ignores it cannot hang a turn.
 */
public final class ProviderChain {
    private static final Logger log = LoggerFactory.getLogger(ProviderChain.class);
    /** Extra time a plugin gets past its own timeout before the chain stops waiting. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final List<ProviderSettings> providers;
    private final ProviderSource plugins;
    private final Clock clock;
    private final RetryPolicy policy;
    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
    private final UsageLedger usage;

    /**
     * @param plugins the plugin serving a config type (lower-case), leased for every call so that a
     *                reloaded jar is used from the next call on and never unloaded under a call
     */
    public ProviderChain(List<ProviderSettings> providers, ProviderSource plugins, RetryPolicy policy) {
        this(providers, plugins, policy, Clock.systemUTC());
    }

    /** @param clock what breakers' cool-downs and daily budgets read (tests move it) */
    public ProviderChain(List<ProviderSettings> providers, ProviderSource plugins, RetryPolicy policy, Clock clock) {
        this.clock = clock;
        this.usage = new UsageLedger(clock);
        this.providers = List.copyOf(providers);
        this.plugins = plugins;
        this.policy = policy;
        for (ProviderSettings settings : providers) {
            breakers.put(settings.name(), new CircuitBreaker(policy.breakerFailures(), policy.breakerCooldown()));
        }
    }

    /**
     * Checks the configured types against what the plugins offer. A provider whose type no plugin
     * serves yet is logged and skipped until a jar for it is dropped in; when no provider at all is
     * served, the start fails, naming the first one's key.
     */
    public void requirePlugins(java.util.Collection<String> offeredTypes) {
        List<ProviderSettings> missing = providers.stream()
                .filter(p -> !offeredTypes.contains(p.type().toLowerCase(Locale.ROOT))).toList();
        if (!missing.isEmpty() && missing.size() == providers.size()) {
            ProviderSettings first = missing.getFirst();
            throw new ConfigException("llm_providers." + first.name() + ".type", "no plugin provides type '" + first.type()
                    + "' (plugins offer: " + offeredTypes + "; is its jar in the plugins folder?)");
        }
        for (ProviderSettings p : missing) {
            log.error("llm_providers.{}.type: no plugin provides type '{}' (plugins offer: {}); this provider is skipped "
                    + "until a plugin jar for it is added to the plugins folder", p.name(), p.type(), offeredTypes);
        }
    }

    public List<String> names() {
        return providers.stream().map(ProviderSettings::name).toList();
    }

    public UsageLedger usage() {
        return usage;
    }

    /** Breaker state per provider: closed, open or half-open. */
    public Map<String, String> breakerStates() {
        Map<String, String> out = new LinkedHashMap<>();
        long now = clock.millis();
        breakers.forEach((name, breaker) -> out.put(name, breaker.state(now)));
        return out;
    }

    /** Tries the preferred provider first (if it is configured), then the rest in order. */
    public Optional<Answer> complete(CompletionRequest request, String preferred) {
        long deadline = System.nanoTime() + policy.chainDeadline().toNanos();
        String id = request.correlationId();
        for (ProviderSettings settings : order(preferred)) {
            long budget = option(settings, "daily_token_budget", 0);
            if (budget > 0 && usage.tokensToday(settings.name()) >= budget) {
                log.info("[{}] skipping provider {}: daily_token_budget of {} tokens spent", id, settings.name(), budget);
                continue;
            }
            String type = settings.type().toLowerCase(Locale.ROOT);
            if (plugins.lease(type).map(lease -> { lease.close(); return true; }).isEmpty()) {
                log.warn("[{}] skipping provider {}: no plugin serves type '{}' now", id, settings.name(), settings.type());
                continue;
            }
            CircuitBreaker breaker = breakers.get(settings.name());
            if (!breaker.allow(clock.millis())) { // last: a half-open breaker's probe must be used
                log.info("[{}] skipping provider {}: circuit open after repeated failures", id, settings.name());
                continue;
            }
            Optional<Answer> answer = tryProvider(type, settings, breaker, request, deadline);
            if (answer.isPresent()) {
                return answer;
            }
            if (System.nanoTime() >= deadline) {
                log.warn("[{}] the chain's deadline of {} s passed", id, policy.chainDeadline().toSeconds());
                break;
            }
        }
        log.warn("[{}] no answer: every provider failed or was skipped ({})", id, names());
        return Optional.empty();
    }

    private Optional<Answer> tryProvider(String type, ProviderSettings settings, CircuitBreaker breaker,
                                         CompletionRequest request, long deadline) {
        String id = request.correlationId();
        int attempts = 1 + (int) option(settings, "max_retries", RetryPolicy.DEFAULT_MAX_RETRIES);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            ProviderError error;
            Optional<Lease<LlmProvider>> lease = plugins.lease(type);
            if (lease.isEmpty()) {
                breaker.success(); // not the provider's fault; frees a half-open probe
                log.warn("[{}] provider {}: its plugin went away", id, settings.name());
                return Optional.empty();
            }
            try {
                Completion completion = callWithDeadline(lease.get(), request, settings, deadline);
                breaker.success();
                usage.success(settings.name(), request.channel(), completion);
                return Optional.of(new Answer(settings.name(), completion));
            } catch (ProviderException e) {
                error = e.error();
            } catch (RuntimeException | LinkageError e) {
                error = new ProviderError.BadResponse("plugin for type " + type + " broke: " + e);
            }
            usage.failure(settings.name(), request.channel());
            boolean opened = breaker.failure(clock.millis());
            log.warn("[{}] provider {} attempt {}/{} failed: {}", id, settings.name(), attempt, attempts,
                    redact(error.describe(), settings));
            if (opened) {
                log.warn("[{}] provider {}: circuit opened; skipped until it answers a probe", id, settings.name());
                return Optional.empty();
            }
            if (!error.retryable() || attempt == attempts) {
                return Optional.empty();
            }
            Duration wait = error instanceof ProviderError.RateLimited limited
                    ? limited.retryAfter().orElse(policy.rateLimitDelay())
                    : policy.backoff(attempt);
            if (System.nanoTime() + wait.toNanos() >= deadline) {
                log.info("[{}] provider {}: waiting {} ms would pass the chain's deadline; moving on", id, settings.name(), wait.toMillis());
                return Optional.empty();
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
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

    private static long option(ProviderSettings settings, String key, long fallback) {
        Object value = settings.options().get(key);
        return value instanceof Number n ? n.longValue() : fallback;
    }

    /** Never lets a configured secret reach a log line, whatever a plugin put into its error text. */
    static String redact(String text, ProviderSettings settings) {
        String out = text;
        if (settings.hasApiKey() && settings.apiKey().length() >= 4) {
            out = out.replace(settings.apiKey().strip(), "***");
        }
        for (String header : secretHeaderValues(settings)) {
            if (header.length() >= 4) {
                out = out.replace(header.strip(), "***");
            }
        }
        return out;
    }

    /** Values of {@code custom_headers} whose names say they carry credentials (auth, key, token, secret, cookie). */
    public static List<String> secretHeaderValues(ProviderSettings settings) {
        List<String> out = new ArrayList<>();
        settings.headers().forEach((name, value) -> {
            if (name.toLowerCase(Locale.ROOT).matches(".*(auth|key|token|secret|cookie).*")) {
                out.add(value);
            }
        });
        return out;
    }

    /**
     * Runs the call on its own virtual thread and waits at most until the deadline. The lease is
     * closed by that thread when the plugin returns, so a call that outlives its deadline still
     * keeps its plugin loaded until it is really done.
     */
    private static Completion callWithDeadline(Lease<LlmProvider> lease, CompletionRequest request, ProviderSettings settings,
                                               long chainDeadline) throws ProviderException {
        FutureTask<Completion> task = new FutureTask<>(() -> {
            try (lease) {
                return lease.extension().complete(request, settings);
            }
        });
        Thread.ofVirtual().name("provider-" + settings.name()).start(task);
        long wait = Math.min(settings.timeout().plus(GRACE).toNanos(), Math.max(0, chainDeadline - System.nanoTime()));
        try {
            return task.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ProviderException(new ProviderError.Timeout(Duration.ofNanos(wait)), e);
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
