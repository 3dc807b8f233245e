package dev.kryten.llm.script;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only "disk" scripts see: the last good version of every script file, held in memory. It
 * lets ES modules {@code import} each other (relative paths resolve as on disk) while nothing
 * outside the script folders exists, nothing can be written or listed, and a half-saved file on
 * disk never leaks into a running lane.
 */
final class SnapshotFileSystem implements FileSystem {
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private final Map<Path, byte[]> files;
    private final Path workingDirectory;

    /** @param files absolute, normalised paths to file contents */
    SnapshotFileSystem(Map<Path, String> files, Path workingDirectory) {
        Map<Path, byte[]> bytes = new HashMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        this.files = bytes;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new UnsupportedOperationException("scripts can only import script files, not " + uri);
        }
        return Path.of(uri);
    }

    @Override
    public Path parsePath(String path) {
        return Path.of(path);
    }

    private Path resolve(Path path) {
        return (path.isAbsolute() ? path : workingDirectory.resolve(path)).normalize();
    }

    private boolean isDirectory(Path path) {
        for (Path file : files.keySet()) {
            if (file.startsWith(path) && !file.equals(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
        Path p = resolve(path);
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new AccessDeniedException(p.toString(), null, "scripts cannot write or execute files");
        }
        if (!files.containsKey(p) && !isDirectory(p)) {
            throw new NoSuchFileException(p.toString());
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "scripts cannot write files");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "scripts cannot delete files");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ) {
                throw new AccessDeniedException(path.toString(), null, "scripts can only read script files");
            }
        }
        byte[] content = files.get(resolve(path));
        if (content == null) {
            throw new NoSuchFileException(path.toString(), null, "not a script file");
        }
        return new ReadOnlyChannel(content);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "scripts cannot list folders");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... options) throws IOException {
        Path p = resolve(path);
        if (!files.containsKey(p) && !isDirectory(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return p;
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Path p = resolve(path);
        byte[] content = files.get(p);
        boolean directory = content == null && isDirectory(p);
        if (content == null && !directory) {
            throw new NoSuchFileException(p.toString());
        }
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("lastModifiedTime", EPOCH);
        attrs.put("lastAccessTime", EPOCH);
        attrs.put("creationTime", EPOCH);
        attrs.put("isRegularFile", !directory);
        attrs.put("isDirectory", directory);
        attrs.put("isSymbolicLink", false);
        attrs.put("isOther", false);
        attrs.put("size", directory ? 0L : (long) content.length);
        attrs.put("fileKey", null);
        return attrs;
    }

    /** A read-only channel over bytes. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] content;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] content) {
            this.content = content;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= content.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), content.length - position);
            dst.put(content, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, content.length);
            return this;
        }

        @Override
        public long size() {
            return content.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
