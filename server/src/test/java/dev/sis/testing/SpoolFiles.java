package dev.sis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a running agent or S3 store has left in its spool: files waiting to be handed on. */
public final class SpoolFiles {
    private SpoolFiles() {
    }

    /**
     * The files under a {@code --spool-dir}, apart from the lock files that sit beside each
     * open store's folder (see {@code SpoolDirectory}).
     */
    public static List<Path> staged(Path spoolDir) throws IOException {
        try (Stream<Path> walk = Files.walk(spoolDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !(f.getParent().equals(spoolDir) && f.getFileName().toString().endsWith(".lock")))
                    .toList();
        }
    }
}
