package dev.kryten.llm.script;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one GraalVM engine (scripts are parsed and optimised once, whatever the number of
 * lanes) and the factory for sandboxed contexts. Sandbox: {@link SandboxPolicy#CONSTRAINED} on the
 * engine and every context, which refuses host class lookup, file and network IO, threads,
 * processes, native access and environment access; scripts see only the objects the host passes in.
 * {@code console.log} goes to the log under {@code script}.
 */
public final class ScriptEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScriptEngine.class);
    private static final Logger scriptLog = LoggerFactory.getLogger("script");

    private final Engine engine;
    private final ScriptWatchdog watchdog = new ScriptWatchdog();
    /** Script calls that failed, across every lane (the engine is the one thing all lanes share). */
    private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();

    public ScriptEngine() {
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(new LogStream(false))
                .err(new LogStream(true))
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        log.info("script engine: GraalJS on {} ({})", engine.getImplementationName(),
                engine.getImplementationName().contains("Interpreted") || engine.getImplementationName().contains("Fallback")
                        ? "interpreter: fine for chat bots; see docs/performance.md for the JIT profile" : "optimizing");
    }

    /**
     * A new sandboxed context on the shared engine whose only files are the catalog's scripts (so
     * modules can import each other). Not thread-safe: give each lane its own.
     */
    public Context newContext(ScriptCatalog catalog) {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(new LogStream(false))
                .err(new LogStream(true))
                .allowIO(IOAccess.newBuilder().fileSystem(catalog.fileSystem()).build())
                .option("js.esm-eval-returns-exports", "true")
                .build();
    }

    ScriptWatchdog watchdog() {
        return watchdog;
    }

    /** Counts one failed script call (a trigger or prompt that threw, overran its budget or returned nonsense). */
    void countFailure() {
        failures.increment();
    }

    /** Failed trigger and prompt calls since start, all lanes together (for metrics). */
    public long failures() {
        return failures.sum();
    }

    public String implementationName() {
        return engine.getImplementationName();
    }

    @Override
    public void close() {
        engine.close(true);
    }

    /** Turns script output into log lines, one per newline. */
    private static final class LogStream extends OutputStream {
        private final boolean error;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LogStream(boolean error) {
            this.error = error;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else if (line.size() < 4096) {
                line.write(b);
            }
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (error) {
                scriptLog.warn(text);
            } else {
                scriptLog.info(text);
            }
        }
    }
}
