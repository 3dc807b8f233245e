package dev.kryten.llm.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kryten.llm.turn.QueueDepth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status rules of /health, one reading at a time. */
class HealthReportTest {
    private static HealthReport report(HostState state, boolean nats, List<String> problems, Map<String, String> circuits) {
        return new HealthReport(state, nats, 1, problems, circuits, Map.of("demo", new QueueDepth(0, 0)));
    }

    @Test
    void okOnlyWhenRunningConnectedWithAProviderAndEveryScript() {
        HealthReport ok = report(HostState.RUNNING, true, List.of(), Map.of("local", "closed"));
        assertEquals(HealthReport.Status.OK, ok.status());
        assertEquals(200, ok.httpStatus());
        assertTrue(ok.reasons().isEmpty());
        assertEquals(HealthReport.Status.OK, report(HostState.RUNNING, true, List.of(),
                Map.of("local", "open", "offline", "half-open")).status(), "a half-open circuit will be tried");
    }

    @Test
    void downWhenNotRunningOrNatsIsAway() {
        for (HostState state : List.of(HostState.STARTING, HostState.DRAINING, HostState.STOPPED)) {
            HealthReport r = report(state, true, List.of(), Map.of("local", "closed"));
            assertEquals(HealthReport.Status.DOWN, r.status(), state.toString());
            assertEquals(503, r.httpStatus());
            assertEquals(List.of("the host is " + state.label()), r.reasons());
        }
        HealthReport away = report(HostState.RUNNING, false, List.of("x.js: broken"), Map.of("local", "open"));
        assertEquals(HealthReport.Status.DOWN, away.status(), "down wins over degraded");
        assertEquals(3, away.reasons().size(), away.reasons().toString());
    }

    @Test
    void degradedWhenEveryCircuitIsOpenOrAScriptDoesNotLoad() {
        assertEquals(HealthReport.Status.DEGRADED, report(HostState.RUNNING, true, List.of(),
                Map.of("local", "open", "cloud", "open")).status());
        HealthReport scripts = report(HostState.RUNNING, true, List.of("triggers/x.js:1:1: SyntaxError"), Map.of("local", "closed"));
        assertEquals(HealthReport.Status.DEGRADED, scripts.status());
        assertEquals(503, scripts.httpStatus());
        assertTrue(scripts.toJson().contains("\"scripts\":{\"version\":1,\"ok\":false,\"problems\":[\"triggers/x.js:1:1: SyntaxError\"]}"),
                scripts.toJson());
    }
}
