package dev.kryten.llm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version, which the build copies from the VERSION file into the jar. */
public final class Version {
    private Version() {}

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/kryten-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
