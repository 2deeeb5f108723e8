package dev.sis.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a store that keeps nothing locally (an agent's, the S3 store) spools uploads before it
 * hands them on: {@code BASE/<pid>/}, one folder per process so that processes sharing a
 * machine never touch each other's files. At
 * start, this process's folder is emptied and the folders of processes no longer alive are
 * removed, so a crash leaves nothing behind for long.
 */
public final class SpoolDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);

    private SpoolDirectory() {
    }

    /** Opens this process's spool folder under {@code base}, emptied; removes dead processes' folders. */
    public static Path open(Path base) throws IOException {
        Files.createDirectories(base);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base)) {
            for (Path entry : entries) {
                if (isLeftover(entry)) {
                    deleteRecursively(entry);
                    LOG.info("removed the spool folder of an earlier process: {}", entry);
                }
            }
        }
        Path mine = base.resolve(Long.toString(ProcessHandle.current().pid()));
        deleteRecursively(mine);
        return Files.createDirectories(mine);
    }

    private static boolean isLeftover(Path entry) {
        String name = entry.getFileName().toString();
        if (!name.matches("[0-9]{1,19}")) {
            return false;
        }
        long pid = Long.parseLong(name);
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
