package dev.kryten.llm.api;

/**
 * The version of this contract. The host hands it to PF4J as the "system version", so a plugin
 * whose descriptor says {@code Plugin-Requires: >=1.0.0 & <2.0.0} is loaded only by a host that
 * speaks a compatible API, and refused with a clear log line otherwise.
 *
 * <p>Bump the minor version when a type gains a member with a default, the major version when a
 * plugin compiled against the old contract could break.
 */
public final class PluginApi {
    /** Semantic version of {@code plugin-api}. */
    public static final String VERSION = "1.0.0";

    private PluginApi() {}
}
