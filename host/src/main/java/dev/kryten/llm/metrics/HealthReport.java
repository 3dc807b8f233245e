package dev.kryten.llm.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.turn.QueueDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One reading of the host's health, as {@code GET /health} answers it.
 * <ul>
 *   <li>{@code down} (HTTP 503): the host is not {@code running} (starting, draining, stopped), or
 *       NATS is not connected: no chat can arrive or be said.</li>
 *   <li>{@code degraded} (HTTP 503): running and connected, but every provider's circuit is open (no
 *       model will be asked until a cool-down ends), or a saved script file does not load (an older
 *       version, or nothing, runs in its place).</li>
 *   <li>{@code ok} (HTTP 200): otherwise.</li>
 * </ul>
 *
 * @param scriptProblems one line per script file that does not load
 * @param circuits       provider name → closed, open or half-open, in chain order
 * @param channels       channel → turns waiting and in flight
 */
public record HealthReport(HostState state, boolean natsConnected, long scriptsVersion, List<String> scriptProblems,
                           Map<String, String> circuits, Map<String, QueueDepth> channels) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The overall verdict. */
    public enum Status {
        OK, DEGRADED, DOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HealthReport {
        scriptProblems = List.copyOf(scriptProblems);
    }

    /** Reads the host now. */
    public static HealthReport of(HostProbes probes) {
        return new HealthReport(probes.state(), probes.natsConnected(), probes.scriptsVersion(), probes.scriptProblems(),
                probes.circuits(), probes.channels());
    }

    public Status status() {
        return state != HostState.RUNNING || !natsConnected ? Status.DOWN : reasons().isEmpty() ? Status.OK : Status.DEGRADED;
    }

    /** Why the status is not ok, one phrase each; empty when ok. */
    public List<String> reasons() {
        List<String> out = new ArrayList<>();
        if (state != HostState.RUNNING) {
            out.add("the host is " + state.label());
        }
        if (!natsConnected) {
            out.add("NATS is not connected");
        }
        if (circuits.values().stream().allMatch("open"::equals)) {
            out.add("every provider's circuit is open");
        }
        if (!scriptProblems.isEmpty()) {
            out.add(scriptProblems.size() + " script file(s) do not load");
        }
        return out;
    }

    /** 200 when ok; 503 otherwise, so a load balancer or a watchdog can act on the status code alone. */
    public int httpStatus() {
        return status() == Status.OK ? 200 : 503;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status().label());
        root.put("state", state.label());
        root.putPOJO("reasons", reasons());
        root.putObject("nats").put("connected", natsConnected);
        ObjectNode scripts = root.putObject("scripts");
        scripts.put("version", scriptsVersion);
        scripts.put("ok", scriptProblems.isEmpty());
        scripts.putPOJO("problems", scriptProblems);
        var providers = root.putArray("providers");
        circuits.forEach((name, circuit) -> providers.addObject().put("name", name).put("circuit", circuit));
        ObjectNode lanes = root.putObject("channels");
        channels.forEach((name, depth) -> lanes.putObject(name).put("waiting", depth.waiting()).put("in_flight", depth.inFlight()));
        return root.toString();
    }
}
