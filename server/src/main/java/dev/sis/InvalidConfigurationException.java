package dev.sis;

import java.util.List;

/**
 * Flags given to {@link SisServer#start(String...)} or {@link SisServer#config(String...)} that
 * {@code java -jar sis.jar} would refuse (it exits with code 2 for them). Every problem is
 * listed, each naming its flag, as the command line prints them.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {
    private final List<String> problems;

    InvalidConfigurationException(List<String> problems) {
        super("invalid sis configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, like {@code --port: must be an integer from 0 to 65535, got "abc"}. */
    public List<String> problems() {
        return problems;
    }
}
