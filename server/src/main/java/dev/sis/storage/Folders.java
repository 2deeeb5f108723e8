package dev.sis.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** File-system chores that every part of sis (stores, spool folders, tests, benchmarks) does the same way. */
public final class Folders {
    private Folders() {
    }

    /**
     * Removes {@code path} and, when it is a folder, everything in it, deepest first. Nothing
     * happens when it is not there; what another process removes meanwhile is passed over.
     *
     * @throws IOException when something in it could not be listed or removed
     */
    public static void deleteRecursively(Path path) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(path)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException absent) {
            return;
        } catch (UncheckedIOException walkFailed) { // a folder in it could not be listed
            if (walkFailed.getCause() instanceof NoSuchFileException) {
                return; // removed while it was walked
            }
            throw walkFailed.getCause();
        }
        for (Path p : deepestFirst) {
            Files.deleteIfExists(p);
        }
    }
}
