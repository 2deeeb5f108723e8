package dev.sis.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "did you mean" for an unknown flag: the flag whose name differs only in case, dashes or
 * underscores ({@code --localstore}, {@code --max_decodes}), else the one a typo away
 * ({@code -prot}, {@code --cahce}): one letter added, dropped, changed or two swapped, two in a
 * name longer than five letters. The suggestion keeps the dashes that were typed when the
 * setting has that spelling ({@code -prot} → {@code -port}).
 */
final class FlagSuggestion {
    private FlagSuggestion() {
    }

    static Optional<String> closest(String flag, Collection<? extends Setting<?>> settings) {
        String wanted = normalized(flag);
        int allowed = wanted.length() <= 5 ? 1 : 2;
        return settings.stream()
                .map(s -> new Candidate(s, s.flags().stream().mapToInt(f -> distance(normalized(f), wanted)).min().orElseThrow()))
                .filter(c -> c.distance() <= allowed)
                .min(Comparator.comparingInt(Candidate::distance))
                .map(c -> spelling(c.setting(), flag));
    }

    private record Candidate(Setting<?> setting, int distance) {
    }

    /** The setting's spelling with as many leading dashes as {@code typed}, else its name. */
    private static String spelling(Setting<?> setting, String typed) {
        boolean single = !typed.startsWith("--");
        return setting.flags().stream().filter(f -> f.startsWith("--") != single).findFirst().orElse(setting.name());
    }

    private static String normalized(String flag) {
        return flag.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Edits between {@code a} and {@code b}: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
