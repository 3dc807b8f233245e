package dev.kryten.llm.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A way to get an answer from a language model (or anything that answers like one). Implement it
 * in a PF4J plugin, mark the class {@code @Extension}, and drop the jar into the host's
 * {@code plugins/} folder.
 *
 * <p><b>Threads.</b> The host calls {@link #complete} from virtual threads, several at once, never
 * from the thread that reads chat; blocking I/O is expected. The instance is shared by all those
 * calls, so keep it thread-safe (an {@code HttpClient} field is fine).
 *
 * <p><b>Ownership.</b> PF4J creates the instance; the host does not keep it across a plugin reload,
 * so hold no state that must survive one. Configuration arrives with every call
 * ({@link ProviderSettings}), so the same instance serves every provider entry of its type.
 *
 * <p><b>Time.</b> Finish within {@link ProviderSettings#timeout()} and throw
 * {@link ProviderException} with {@link ProviderError.Timeout} otherwise; the host also stops
 * waiting at that deadline. Do not retry inside the plugin: the host's chain owns retries,
 * back-off and fallback.
 */
public interface LlmProvider extends ExtensionPoint {

    /**
     * The config {@code type} values this provider serves, e.g. {@code openai}, {@code openai_compatible}.
     * Compared case-insensitively. When two plugins claim one type, the host logs it and keeps the
     * first one loaded.
     */
    Set<String> types();

    /**
     * Answers one request.
     *
     * @return the answer; its text may be long or contain markdown, the formatters clean it
     * @throws ProviderException with the reason when there is no usable answer; never return an
     *                           error message as if it were the model's text
     */
    Completion complete(CompletionRequest request, ProviderSettings settings) throws ProviderException;
}
