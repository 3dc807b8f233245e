package dev.kryten.llm.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A jar file as it was when seen: path, size and modification time tell a replacement in place. */
record JarStamp(Path path, long size, long modified) {
    static JarStamp of(Path jar) {
        Path p = jar.toAbsolutePath().normalize();
        try {
            return new JarStamp(p, Files.size(p), Files.getLastModifiedTime(p).toMillis());
        } catch (IOException e) {
            return new JarStamp(p, -1, -1);
        }
    }
}
