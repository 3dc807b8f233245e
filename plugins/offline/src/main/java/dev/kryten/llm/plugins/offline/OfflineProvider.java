package dev.kryten.llm.plugins.offline;

import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import dev.kryten.llm.api.ProviderSettings;
import java.time.Duration;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The provider that needs no model and no key: it answers in character from the personality's
 * stock lines, preferring a line that shares words with what the user said. It makes the demo work
 * on a fresh machine and is a safe last entry in a fallback chain.
 */
@Extension
public final class OfflineProvider implements LlmProvider {

    private final StockLinePicker picker = new StockLinePicker();

    @Override
    public Set<String> types() {
        return Set.of("offline");
    }

    @Override
    public Completion complete(CompletionRequest request, ProviderSettings settings) throws ProviderException {
        long started = System.nanoTime();
        if (request.persona().stockLines().isEmpty()) {
            throw new ProviderException(new ProviderError.BadResponse(
                    "personality '" + request.persona().name() + "' has no stockLines for the offline provider"));
        }
        String line = picker.pick(request.persona().stockLines(), request.userText());
        return new Completion(line, "offline", new Completion.Usage(0, 0), Duration.ofNanos(System.nanoTime() - started));
    }
}
