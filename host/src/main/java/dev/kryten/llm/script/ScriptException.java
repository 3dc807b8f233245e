package dev.kryten.llm.script;

import dev.kryten.llm.KrytenException;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** A script failed to load, validate or run; the message starts with {@code file:line:column}. */
public final class ScriptException extends KrytenException {
    private final String file;
    private final int line;
    private final int column;

    public ScriptException(String file, int line, int column, String message) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** Wraps a polyglot failure, taking the location from the script's own stack when there is one. */
    public static ScriptException from(String file, PolyglotException e) {
        SourceSection at = e.getSourceLocation();
        if (at == null || !at.isAvailable()) {
            // thrown inside a builtin (load, repeat, new Array): the script's own frame says where
            for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
                SourceSection s = frame.getSourceLocation();
                if (frame.isGuestFrame() && s != null && s.isAvailable()) {
                    at = s;
                    break;
                }
            }
        }
        String message = e.isInterrupted() ? "interrupted (time budget exceeded)"
                : e.isResourceExhausted() ? "resource limit exceeded: " + e.getMessage()
                : e.getMessage();
        message = firstLine(message);
        if (at != null && at.isAvailable()) {
            String name = at.getSource().getName();
            // Graal repeats "file:line:col " inside syntax error messages; say it once
            message = message.replaceFirst(java.util.regex.Pattern.quote(name) + ":\\d+:\\d+ ", "");
            return new ScriptException(name, at.getStartLine(), at.getStartColumn(), message);
        }
        return new ScriptException(file, 0, 0, message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
