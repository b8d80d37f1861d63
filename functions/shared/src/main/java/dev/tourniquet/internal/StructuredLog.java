package dev.tourniquet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch Logs.
 *
 * <p>Written by hand rather than through a logging framework: a framework costs hundreds of
 * milliseconds of cold start, and every second of an attack costs money. Keys are snake_case; values
 * never hold secrets or whole raw findings.
 */
public final class StructuredLog {
    /**
     * The longest text a field holds. Event ids and rejection reasons come from the event: a 300 KB id would
     * make a line longer than CloudWatch Logs' 256 KB event, which cuts it and leaves it no longer JSON.
     */
    static final int MAX_TEXT = 2_048;

    private static volatile PrintStream out = System.out;

    private final String logger;

    private StructuredLog(String logger) {
        this.logger = logger;
    }

    public static StructuredLog of(Class<?> owner) {
        return new StructuredLog(owner.getSimpleName());
    }

    /** Tests and the command-line tool redirect the log (for example to standard error). */
    public static void redirect(PrintStream stream) {
        out = stream;
    }

    public Line info(String message) {
        return new Line("INFO", message);
    }

    public Line warn(String message) {
        return new Line("WARN", message);
    }

    public Line error(String message) {
        return new Line("ERROR", message);
    }

    /** A log line being built: add fields, then {@link #log()}. */
    public final class Line {
        private final ObjectNode node = Json.object();

        private Line(String level, String message) {
            node.put("timestamp", Instant.now().toString());
            node.put("level", level);
            node.put("logger", logger);
            node.put("message", message);
        }

        /** Adds a field; a text longer than {@value #MAX_TEXT} characters is cut there, and says how long it was. */
        public Line with(String key, Object value) {
            if (value instanceof String text && text.length() > MAX_TEXT) {
                node.put(key, text.substring(0, MAX_TEXT) + "…(" + text.length() + " characters)");
            } else if (value != null) {
                node.set(key, Json.MAPPER.valueToTree(value));
            }
            return this;
        }

        public void log() {
            out.println(Json.write(node));
        }
    }
}
