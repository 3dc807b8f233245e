package dev.kryten.llm.config;

import java.nio.file.Path;

/**
 * The {@code paths} section (new in kryten-llm for Java). Relative paths are resolved against the
 * installation folder ({@code KRYTEN_HOME}, where {@code bin/kryten-llm} lives).
 *
 * @param scripts       [{@code scripts}] triggers and prompts, default {@code scripts}
 * @param personalities [{@code personalities}] personality files, default {@code personalities}
 * @param plugins       [{@code plugins}] plugin jars, default {@code plugins}
 */
public record PathsConfig(Path scripts, Path personalities, Path plugins) {}
