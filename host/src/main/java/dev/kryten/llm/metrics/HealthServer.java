package dev.kryten.llm.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kryten.llm.config.ConfigException;
import dev.kryten.llm.config.MetricsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} (JSON, see {@link HealthReport}) and {@code GET /metrics} (Prometheus text) on
 * {@code metrics.host:metrics.port}, with the JDK's own HTTP server: two read-only endpoints need
 * no framework. Each request runs on a virtual thread; every other path is 404.
 */
public final class HealthServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
    /** What Prometheus expects for the text format {@code PrometheusMeterRegistry.scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final HostProbes probes;
    private final Metrics metrics;

    private HealthServer(HttpServer server, ExecutorService executor, HostProbes probes, Metrics metrics) {
        this.server = server;
        this.executor = executor;
        this.probes = probes;
        this.metrics = metrics;
    }

    /**
     * Listens and serves; returns once the port is bound.
     *
     * @throws ConfigException the port is taken ({@code metrics.port}) or the address is not this machine's ({@code metrics.host})
     */
    public static HealthServer start(MetricsConfig config, HostProbes probes, Metrics metrics) {
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new ConfigException("metrics.host", "\"" + config.host() + "\" is not a known address or host name");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new ConfigException("metrics.port", "port " + config.port() + " on " + config.host() + " is in use "
                        + "(another kryten-llm, or another Kryten service? they usually use ports 28282-28290); "
                        + "set metrics.port to a free port, or metrics.enabled to false", e);
            }
            throw new ConfigException("metrics.host", "cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage() + " (is it an address of this machine?)", e);
        } catch (IOException e) {
            throw new ConfigException("metrics", "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HealthServer health = new HealthServer(server, executor, probes, metrics);
        server.createContext("/", health::handle); // one context: the JDK matches contexts by prefix, we want exact paths
        server.setExecutor(executor);
        server.start();
        log.info("health and metrics on http://{}:{}/health and /metrics", config.host(), health.port());
        return health;
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/health") && !path.equals("/metrics")) {
                send(exchange, 404, TEXT, "not found: try /health or /metrics\n");
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, TEXT, "only GET and HEAD\n");
                return;
            }
            int status;
            String type;
            String body;
            try {
                if (path.equals("/health")) {
                    HealthReport report = HealthReport.of(probes);
                    status = report.httpStatus();
                    type = JSON;
                    body = report.toJson() + "\n";
                } else {
                    status = 200;
                    type = PROMETHEUS_TEXT;
                    body = metrics.scrape();
                }
            } catch (RuntimeException e) { // the JDK server would just drop the connection; say what broke instead
                log.warn("{} {} failed: {}", method, path, e.toString(), e);
                status = 500;
                type = TEXT;
                body = "internal error: " + e + "\n";
            }
            send(exchange, status, type, body);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening (requests being answered are cut off: the host is stopping anyway). */
    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
