package dev.sis.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a store that keeps nothing locally (an agent's, the S3 store) spools uploads before it
 * hands them on: {@code BASE/spool-<random>/}, one folder per open store.
 *
 * <p>Beside each folder is {@code spool-<random>.lock}, which its owner keeps locked (an OS file
 * lock) while the store is open. At open, every folder whose lock can be taken belongs to a
 * store that has gone (closed, crashed, killed) and is removed, so a crash leaves nothing behind
 * for long. A lock, unlike a process id, stays right when processes in different containers
 * share the folder (each is PID 1 in its own namespace) and when a PID is reused. Other entries
 * of {@code BASE} are left alone.
 *
 * <p>{@link #close()} removes the folder and releases the lock. Thread-safe.
 */
public final class SpoolDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);
    private static final String PREFIX = "spool-";
    private static final String LOCK_SUFFIX = ".lock";

    private final Path path;
    private final Path lockFile;
    private final FileChannel lockChannel;

    private SpoolDirectory(Path path, Path lockFile, FileChannel lockChannel) {
        this.path = path;
        this.lockFile = lockFile;
        this.lockChannel = lockChannel;
    }

    /** Creates and locks a new spool folder under {@code base}, after removing the folders of stores that are gone. */
    public static SpoolDirectory open(Path base) throws IOException {
        Files.createDirectories(base);
        removeAbandoned(base);
        while (true) {
            String name = PREFIX + UUID.randomUUID();
            Path lockFile = base.resolve(name + LOCK_SUFFIX);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                channel.lock();
                // Another store's clean-up may have taken the lock file for abandoned between its
                // creation and our lock, and removed it: then start again under a new name.
                if (Files.exists(lockFile)) {
                    return new SpoolDirectory(Files.createDirectories(base.resolve(name)), lockFile, channel);
                }
                channel.close();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** The folder where staging files go. */
    public Path path() {
        return path;
    }

    /**
     * A new empty file in this folder for an upload to be staged in: the one way every store
     * spooling here (an agent's, either dialect, and S3) names its staging files.
     */
    public Path newStagingFile() throws IOException {
        return Files.createTempFile(path, "up-", ".tmp");
    }

    /**
     * Releases the folder: removes it with whatever is still in it, then its lock. Never fails:
     * what cannot be removed now is removed by the next store to open under the same base.
     */
    @Override
    public void close() {
        try (lockChannel) {
            Folders.deleteRecursively(path);
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.warn("could not remove the spool folder {}: {}", path, e.toString());
        }
    }

    private static void removeAbandoned(Path base) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*" + LOCK_SUFFIX)) {
            for (Path lockFile : entries) {
                removeIfAbandoned(lockFile);
            }
        }
    }

    /** Removes the folder of {@code lockFile}, and the lock file, when nobody holds its lock. */
    private static void removeIfAbandoned(Path lockFile) throws IOException {
        String name = lockFile.getFileName().toString();
        Path folder = lockFile.resolveSibling(name.substring(0, name.length() - LOCK_SUFFIX.length()));
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return;
            }
            Folders.deleteRecursively(folder);
            Files.delete(lockFile);
            LOG.info("removed the spool folder of a store that has gone: {}", folder);
        } catch (OverlappingFileLockException e) {
            // Held by another open store in this JVM (an embedded server, a test): in use.
        } catch (NoSuchFileException e) {
            // Removed meanwhile by another store's clean-up.
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
