package dev.kryten.llm.guard;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last check before chat: whatever the model and the formatters produced, no line starts with
 * {@code /} (CyTube would run it as a command: {@code /clear}, {@code /mute}), no line is empty or
 * longer than the limit, and no line contains a configured secret. Everything it changes or drops
 * is logged.
 */
public final class ReplyGuard {
    private static final Logger log = LoggerFactory.getLogger(ReplyGuard.class);
    private static final int MIN_SECRET_LENGTH = 8;

    private final int maxLength;
    private final List<String> secrets;

    /** @param secrets API keys and passwords that must never reach chat (short ones are ignored: too many false hits) */
    public ReplyGuard(int maxLength, List<String> secrets) {
        this.maxLength = maxLength;
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH).toList();
    }

    public List<String> check(List<String> parts, String correlationId) {
        List<String> safe = new ArrayList<>(parts.size());
        for (String part : parts) {
            String line = withoutLeadingSlash(part, correlationId);
            if (line.isEmpty()) {
                continue;
            }
            if (containsSecret(line)) {
                log.error("[{}] dropped a reply that contains a configured secret (API key or password)", correlationId);
                return List.of();
            }
            while (line.length() > maxLength) {
                log.warn("[{}] cut a {}-character line to the {}-character limit", correlationId, line.length(), maxLength);
                safe.add(line.substring(0, maxLength));
                line = withoutLeadingSlash(line.substring(maxLength), correlationId);
            }
            if (!line.isEmpty()) {
                safe.add(line);
            }
        }
        return safe;
    }

    private static String withoutLeadingSlash(String text, String correlationId) {
        String line = text.strip();
        while (line.startsWith("/")) {
            log.warn("[{}] removed a leading '/' so CyTube does not run the line as a command", correlationId);
            line = line.substring(1).strip();
        }
        return line;
    }

    /** Whether the text contains a configured secret (checked on the raw answer too, before formatting can split one). */
    public boolean containsSecret(String line) {
        for (String secret : secrets) {
            if (line.contains(secret)) {
                return true;
            }
        }
        return false;
    }
}
