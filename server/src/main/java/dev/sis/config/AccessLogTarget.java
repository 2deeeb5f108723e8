package dev.sis.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the access log goes: {@code on} (the {@code sis.access} logger, stderr unless a host
 * program routes it elsewhere), {@code off}, or a file that sis writes itself.
 */
public sealed interface AccessLogTarget {
    /** Through the logging system, logger {@code sis.access}: stderr with sis's own configuration. */
    record Logger() implements AccessLogTarget {
    }

    /** No access log. */
    record Off() implements AccessLogTarget {
    }

    /**
     * Each line made, then dropped: the start-up warm-up's private instance (see
     * {@code dev.sis.WarmUp}), so that the JIT compiles the line's formatting and nothing is written.
     * No flag chooses it.
     */
    record Discarded() implements AccessLogTarget {
    }

    /** Appended to a file, which sis rolls over by size (see {@code dev.sis.logging.AccessLogFile}). */
    record ToFile(Path file) implements AccessLogTarget {
        public ToFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** {@code on}, {@code off}, or any other text as a file's path. */
    static AccessLogTarget parse(String text) {
        return switch (text) {
            case "on" -> new Logger();
            case "off" -> new Off();
            default -> new ToFile(Path.of(text));
        };
    }
}
