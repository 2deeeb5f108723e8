package dev.sis.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "did you mean" for an unknown flag: the setting whose name differs only in case, dashes or
 * underscores ({@code --localstore}, {@code --max_decodes}).
 */
final class FlagSuggestion {
    private FlagSuggestion() {
    }

    static Optional<Setting<?>> closest(String flag, Collection<? extends Setting<?>> settings) {
        String wanted = normalized(flag);
        for (Setting<?> s : settings) {
            for (String f : s.flags()) {
                if (normalized(f).equals(wanted)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static String normalized(String flag) {
        return flag.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
