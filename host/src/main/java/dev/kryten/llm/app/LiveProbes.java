package dev.kryten.llm.app;

import dev.kryten.llm.dispatch.Lanes;
import dev.kryten.llm.metrics.HostProbes;
import dev.kryten.llm.metrics.HostState;
import dev.kryten.llm.provider.ProviderChain;
import dev.kryten.llm.script.ScriptEngine;
import dev.kryten.llm.script.ScriptLibrary;
import dev.kryten.llm.turn.QueueDepth;
import io.nats.client.Connection;
import java.util.List;
import java.util.Map;

/**
 * The running host as {@code /health} and {@code /metrics} read it. The endpoint starts before
 * NATS (which the bot may wait for), so the connection and the lanes are filled in as they start;
 * until then NATS reads as not connected and there are no channels.
 */
final class LiveProbes implements HostProbes {
    private final ScriptLibrary scripts;
    private final ScriptEngine engine;
    private final ProviderChain providers;
    private volatile HostState state = HostState.STARTING;
    private volatile Connection nats;
    private volatile Lanes lanes;

    LiveProbes(ScriptLibrary scripts, ScriptEngine engine, ProviderChain providers) {
        this.scripts = scripts;
        this.engine = engine;
        this.providers = providers;
    }

    void moveTo(HostState next) {
        state = next;
    }

    void connected(Connection connection) {
        this.nats = connection;
    }

    void lanesOpen(Lanes open) {
        this.lanes = open;
    }

    @Override
    public HostState state() {
        return state;
    }

    @Override
    public boolean natsConnected() {
        Connection connection = nats;
        return connection != null && connection.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public long scriptsVersion() {
        return scripts.current().version();
    }

    @Override
    public List<String> scriptProblems() {
        return scripts.problems();
    }

    @Override
    public long scriptFailures() {
        return engine.failures();
    }

    @Override
    public Map<String, String> circuits() {
        return providers.breakerStates();
    }

    @Override
    public long providerFailures(String provider) {
        return providers.usage().failures(provider);
    }

    @Override
    public Map<String, QueueDepth> channels() {
        Lanes open = lanes;
        return open == null ? Map.of() : open.depths();
    }
}
