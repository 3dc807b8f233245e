package dev.kryten.llm.app;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders (recursively) and single files, and reports each changed path once the saving
 * has settled (50 ms without further events), so an editor's write-rename-touch counts as one change.
 */
final class FileWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);
    private static final long SETTLE_MS = 50;

    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
    private final Set<Path> recursiveRoots = ConcurrentHashMap.newKeySet();
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;

    FileWatcher(Consumer<Set<Path>> onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().name("file-watcher").daemon().start(this::run);
    }

    /** Watches a folder and every folder below it, including ones created later. */
    void watchTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        recursiveRoots.add(root);
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path dir : walk.filter(Files::isDirectory).toList()) {
                register(dir);
            }
        }
    }

    /** Watches one file (through its folder). */
    void watchFile(Path file) throws IOException {
        register(file.toAbsolutePath().getParent());
    }

    private void register(Path dir) throws IOException {
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        dirs.put(key, dir);
    }

    private void run() {
        try {
            while (true) {
                Set<Path> changed = new LinkedHashSet<>();
                collectSafely(service.take(), changed);
                WatchKey more;
                while ((more = service.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    collectSafely(more, changed);
                }
                try {
                    onChange.accept(changed);
                } catch (RuntimeException | LinkageError e) {
                    log.error("handling file changes {} failed: {}", changed, e.toString(), e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** One folder's events; a folder that vanished meanwhile costs a log line, never the watcher thread. */
    private void collectSafely(WatchKey key, Set<Path> changed) {
        try {
            collect(key, changed);
        } catch (RuntimeException e) {
            log.warn("file events of {} could not be read: {}", dirs.get(key), e.toString());
            key.reset();
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        Path dir = dirs.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                log.warn("too many file changes at once in {}: some were missed; save the file again to apply it", dir);
                continue;
            }
            if (dir == null) {
                continue;
            }
            Path path = dir.resolve((Path) event.context()).toAbsolutePath().normalize();
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)
                    && recursiveRoots.stream().anyMatch(path::startsWith)) {
                try {
                    watchTree(path);
                    try (Stream<Path> files = Files.walk(path)) {
                        files.filter(Files::isRegularFile).forEach(changed::add);
                    }
                } catch (IOException e) {
                    log.warn("cannot watch new folder {}: {}", path, e.toString());
                }
            }
            changed.add(path);
        }
        if (!key.reset()) {
            dirs.remove(key);
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
        try {
            thread.join(5_000); // a reload in progress finishes before the parts it may touch are stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
