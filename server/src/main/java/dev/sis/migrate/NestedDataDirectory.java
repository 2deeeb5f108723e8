package dev.sis.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A source given one folder too high, as {@code --from sis2:/srv/sis} when the data is in
 * {@code /srv/sis/image}: the folder holds none of a data directory's first-level folders (one
 * hex digit for sis 2.0, two for this sis), but one folder in it does. Found before anything is
 * copied, so the command can name the folder to give instead of failing every file.
 */
final class NestedDataDirectory {
    /** sis 2.0: one folder per hex digit of the MD5. */
    static final Predicate<String> SIS2 = Pattern.compile("[0-9a-f]").asMatchPredicate();
    /** This sis: the MD5's first two hex digits, then the next two. */
    static final Predicate<String> LOCAL = Pattern.compile("[0-9a-f]{2}").asMatchPredicate();

    private NestedDataDirectory() {
    }

    /** The one folder in {@code root} that looks like the data directory, when {@code root} itself does not. */
    static Optional<Path> in(Path root, Predicate<String> firstLevel) throws IOException {
        if (!Files.isDirectory(root) || looksLikeData(root, firstLevel)) {
            return Optional.empty();
        }
        List<Path> candidates = new java.util.ArrayList<>();
        for (Path child : folders(root)) {
            if (looksLikeData(child, firstLevel)) {
                candidates.add(child);
            }
        }
        return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }

    private static boolean looksLikeData(Path dir, Predicate<String> firstLevel) throws IOException {
        return folders(dir).stream().anyMatch(f -> firstLevel.test(f.getFileName().toString()));
    }

    private static List<Path> folders(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).toList();
        }
    }
}
