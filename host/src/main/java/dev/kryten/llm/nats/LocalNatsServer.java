package dev.kryten.llm.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real {@code nats-server} process on a free loopback port, for the demo and for tests. It
 * listens on 127.0.0.1 only and is gone when {@link #close()} returns.
 */
public final class LocalNatsServer implements AutoCloseable {
    private final Path binary;
    private final int port;
    private final Path logFile;
    private Process process;

    private LocalNatsServer(Path binary, int port, Path logFile) {
        this.binary = binary;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts a server on a free port; fails with a message saying how to install nats-server if there is none. */
    public static LocalNatsServer start() {
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
                "nats-server is not installed: install it (Debian/Ubuntu: sudo apt-get install nats-server) "
                        + "or set NATS_SERVER_BIN to its path"));
        try {
            Path log = Files.createTempFile("kryten-nats-", ".log");
            LocalNatsServer server = new LocalNatsServer(binary, freePort(), log);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server: " + e.getMessage(), e);
        }
    }

    public static Optional<Path> findBinary() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("NATS_SERVER_BIN");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "nats-server"));
            }
        }
        candidates.add(Path.of("/usr/sbin/nats-server"));
        candidates.add(Path.of("/usr/local/bin/nats-server"));
        candidates.add(Path.of("/usr/bin/nats-server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nats-server exited with " + process.exitValue() + ": " + Files.readString(logFile));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for nats-server", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IOException("nats-server did not listen on port " + port + " within 10 s");
    }

    /** Stops the process and starts it again on the same port (clients reconnect by themselves). */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException ignored) {
            // a temp file; the OS cleans it
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
