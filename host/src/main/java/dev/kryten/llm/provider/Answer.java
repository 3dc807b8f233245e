package dev.kryten.llm.provider;

import dev.kryten.llm.api.Completion;

/**
 * A completion and the configured provider that gave it.
 *
 * @param provider the {@code llm_providers} entry name
 * @param completion the provider's answer
 */
public record Answer(String provider, Completion completion) {}
