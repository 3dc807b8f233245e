package dev.kryten.llm.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in config strings with the environment variable's value, as the
 * Python kryten-llm does, so secrets stay out of the file. {@code ${NAME:-fallback}} gives a
 * default. An unset variable without a default is an error naming the key and the variable,
 * rather than a silent empty API key.
 */
final class EnvSubstitution {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> environment;

    EnvSubstitution(Map<String, String> environment) {
        this.environment = environment;
    }

    String apply(String key, String value) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = environment.get(m.group(1));
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                throw new ConfigException(key, "environment variable " + m.group(1) + " is not set (write ${"
                        + m.group(1) + ":-default} to give a default)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
