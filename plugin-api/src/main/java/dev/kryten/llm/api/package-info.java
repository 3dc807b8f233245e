/**
 * The kryten-llm plugin contract. Plugins compile against this module with {@code provided} scope
 * (the host supplies it and PF4J at run time) and implement {@link dev.kryten.llm.api.LlmProvider}
 * or {@link dev.kryten.llm.api.ResponseFormatter}. The host also offers jackson-databind 2.x to
 * plugins, so a plugin may use it with {@code provided} scope instead of bundling it.
 * See {@code docs/plugins.md}.
 */
package dev.kryten.llm.api;
