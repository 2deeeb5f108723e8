package dev.sis.cli;

import dev.sis.config.SisConfig;

import java.util.List;
import java.util.Objects;

/** What a command line asks for: run with a valid configuration, print help or the version, or fail. */
public sealed interface ParseResult {

    /** Every setting is valid: start the server with {@code config}. */
    record Run(SisConfig config) implements ParseResult {
        public Run {
            Objects.requireNonNull(config, "config");
        }
    }

    /** {@code -h}, {@code -help} or {@code --help}: print {@code text} to stdout, exit 0. */
    record Help(String text) implements ParseResult {
    }

    /** {@code --version}: print {@code text} to stdout, exit 0. */
    record Version(String text) implements ParseResult {
    }

    /**
     * The command line or environment is wrong: every problem found, each naming its flag,
     * and the usage text. Exit 2.
     */
    record Invalid(List<String> problems, String usage) implements ParseResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid command line has at least one problem");
            }
        }
    }
}
