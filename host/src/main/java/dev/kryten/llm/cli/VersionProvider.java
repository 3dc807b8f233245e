package dev.kryten.llm.cli;

import dev.kryten.llm.Version;
import picocli.CommandLine;

/** Answers {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"kryten-llm " + Version.get() + " (Java " + Runtime.version() + ")"};
    }
}
