package dev.kryten.llm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The product version, which the build copies from the VERSION file into the jar. */
public final class Version implements CommandLine.IVersionProvider {
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

    @Override
    public String[] getVersion() {
        return new String[] {"kryten-llm " + get() + " (Java " + Runtime.version() + ")"};
    }
}
