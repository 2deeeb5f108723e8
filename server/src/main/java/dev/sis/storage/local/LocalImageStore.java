package dev.sis.storage.local;

import dev.sis.storage.Blob;
import dev.sis.storage.Folders;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.StoreLayout;
import dev.sis.storage.StoredFile;
import dev.sis.storage.StoredVariants;
import dev.sis.storage.VariantKey;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps files in a directory tree on the local disk, in the {@link StoreLayout}, with uploads and
 * variants being written in {@code root/.staging/}.
 * Design note: a file reaches its final path only by an atomic link from {@code .staging}
 * (same file system) after its bytes were fsynced, so a reader never sees a partial file, not
 * even after a power cut. An original's directories are fsynced too, after the link, so that an
 * acknowledged upload survives a crash. A variant's are not: it is derived data, and a link lost
 * in a power cut only means that the variant is made again (two fsyncs fewer per variant).
 * Every path is built from validated parts and checked to stay under the root.
 */
public final class LocalImageStore implements ImageStore, StoredVariants {
    private static final String STAGING = ".staging";
    /** Past this many MD5s, {@link #knownNames} starts over: a bound on its memory, not a policy. */
    private static final int MAX_KNOWN_NAMES = 1 << 16;

    private final Path root;
    private final Path staging;
    private final long blockSize;
    private final Object[] locks = new Object[64];
    /**
     * A name each MD5 was last found under, so that {@link #exists} (asked on every cached read)
     * is one {@code stat} of that file instead of a directory listing. Only a hint: the file is
     * checked every time, and when it is gone the directory is listed again.
     */
    private final ConcurrentHashMap<Md5, Path> knownNames = new ConcurrentHashMap<>();

    private LocalImageStore(Path root) {
        this.root = root;
        this.staging = root.resolve(STAGING);
        this.blockSize = LocalVariants.blockSize(root);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Opens (creating if needed) a store in {@code dir} and removes temporary leftovers of an
     * earlier run.
     */
    public static LocalImageStore open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        LocalImageStore store = new LocalImageStore(root.toRealPath());
        store.cleanStaging();
        return store;
    }

    /** The number of leftover staging files removed when the store opened is logged by the caller. */
    private void cleanStaging() throws IOException {
        Files.createDirectories(staging);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(staging)) {
            for (Path leftover : leftovers) {
                Folders.deleteRecursively(leftover);
            }
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public Path newStagingFile() throws IOException {
        return Files.createTempFile(staging, "up-", ".tmp");
    }

    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        try (Blob.Staged staged = stagedHere(blob)) {
            blob.requireMd5(md5);
            synchronized (lockOf(md5)) {
                return moveIntoPlace(staged.path(), originalPath(md5, name));
            }
        }
    }

    @Override
    public Optional<StoredFile> original(Md5 md5, FileName name) throws IOException {
        return existing(originalPath(md5, name));
    }

    /**
     * Exact, as the contract needs (a deleted image must not be served from a cache): true only
     * when an original of {@code md5} is there now. Usually one {@code stat} of the name it was
     * last found under; a directory listing when that name is gone or not known yet.
     */
    /** Always known here: the check is a {@code stat} of the local disk (a listing the first time). */
    @Override
    public Optional<Boolean> existsWithoutWaiting(Md5 md5) throws IOException {
        return Optional.of(exists(md5));
    }

    @Override
    public boolean exists(Md5 md5) throws IOException {
        Path known = knownNames.get(md5);
        if (known != null) {
            if (Files.isRegularFile(known)) {
                return true;
            }
            knownNames.remove(md5, known);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(underRoot(root.resolve(StoreLayout.originals(md5))))) {
            var first = entries.iterator();
            if (!first.hasNext()) {
                return false;
            }
            remember(md5, first.next());
            return true;
        } catch (NoSuchFileException absent) {
            return false;
        }
    }

    private void remember(Md5 md5, Path original) {
        if (knownNames.size() >= MAX_KNOWN_NAMES) {
            knownNames.clear();
        }
        knownNames.put(md5, original);
    }

    @Override
    public List<FileName> names(Md5 md5) throws IOException {
        Path dir = underRoot(root.resolve(StoreLayout.originals(md5)));
        List<FileName> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                names.add(new FileName(entry.getFileName().toString()));
            }
        } catch (NoSuchFileException absent) {
            return List.of();
        }
        names.sort(Comparator.comparing(FileName::value));
        return names;
    }

    /**
     * Under the MD5's lock, which a delete takes too: a variant lands only beside an original
     * that is there, and never while its folder is being removed.
     */
    @Override
    public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
        try (Blob.Staged staged = stagedHere(blob)) {
            synchronized (lockOf(md5)) {
                return exists(md5) && linkVariant(staged.path(), variantPath(md5, key));
            }
        }
    }

    /**
     * The blob as a file in {@code .staging}, the only place from which a link lands it atomically
     * (same file system): bytes in memory are written to a new staging file first. A staged file
     * elsewhere is refused before it is taken over, and left where it is.
     */
    private Blob.Staged stagedHere(Blob blob) throws IOException {
        return switch (blob) {
            case Blob.Staged staged -> {
                staged.requireIn(staging);
                yield staged;
            }
            case Blob.Bytes bytes -> {
                Blob.Staged copy = Blob.staged(newStagingFile());
                try {
                    Files.write(copy.path(), bytes.bytes());
                } catch (IOException | RuntimeException e) {
                    copy.close();
                    throw e;
                }
                yield copy;
            }
        };
    }

    @Override
    public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
        return existing(variantPath(md5, key));
    }

    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        synchronized (lockOf(md5)) {
            return deleteLocked(md5, name);
        }
    }

    /**
     * Puts and deletes of one MD5 take its lock (striped), so that removing the image's folder
     * with its last name can never remove a name stored at the same moment, nor race a variant
     * creating its folder inside it.
     */
    private Object lockOf(Md5 md5) {
        return locks[Math.floorMod(md5.hex().hashCode(), locks.length)];
    }

    private boolean deleteLocked(Md5 md5, FileName name) throws IOException {
        Path dir = imageDir(md5);
        if (name != null) {
            boolean removed = Files.deleteIfExists(originalPath(md5, name));
            if (removed && names(md5).isEmpty()) {
                Folders.deleteRecursively(dir);
            }
            return removed;
        }
        if (!Files.exists(dir)) {
            return false;
        }
        Folders.deleteRecursively(dir);
        return true;
    }

    @Override
    public boolean isReady() {
        return Files.isDirectory(staging) && Files.isWritable(staging);
    }

    /** An fsync of the variant's bytes (1 to 4 ms on common disks), which its reader need not wait for. */
    @Override
    public boolean variantPutsWait() {
        return true;
    }

    @Override
    public String describe() {
        return "local directory " + root;
    }

    private Path imageDir(Md5 md5) {
        return underRoot(root.resolve(StoreLayout.folder(md5)));
    }

    private Path originalPath(Md5 md5, FileName name) {
        return underRoot(root.resolve(StoreLayout.original(md5, name)));
    }

    private Path variantPath(Md5 md5, VariantKey key) {
        return underRoot(root.resolve(StoreLayout.variant(md5, key)));
    }

    /** Defence in depth: the parts are validated already, but no path may ever leave the root. */
    private Path underRoot(Path path) {
        Path normalized = path.normalize();
        if (!normalized.startsWith(root) || normalized.startsWith(staging)) {
            throw new IllegalArgumentException("path escapes the store root");
        }
        return normalized;
    }

    /**
     * Links {@code staged} to {@code target} unless it is there, durably: the bytes, the new
     * directories and the name all survive a power cut once this returns. The caller's blob
     * removes {@code staged} after.
     */
    private boolean moveIntoPlace(Path staged, Path target) throws IOException {
        if (Files.exists(target)) {
            return false; // Same MD5 means same bytes: the stored file is already what we would write.
        }
        Durable.fsync(staged);
        Durable.createDirectories(target.getParent());
        if (!link(staged, target)) {
            return false;
        }
        Durable.fsyncDirectory(target.getParent());
        return true;
    }

    /**
     * As {@link #moveIntoPlace}, but only the bytes are made durable before the link, not the
     * directory entries: after a power cut the variant is there whole or not at all (then it is
     * made again, as after its budget let it go), never torn, since its name can only point at
     * bytes already on the disk.
     */
    private boolean linkVariant(Path staged, Path target) throws IOException {
        if (Files.exists(target)) {
            return false;
        }
        Durable.fsync(staged);
        Files.createDirectories(target.getParent());
        return link(staged, target);
    }

    /**
     * A hard link, unlike rename(2), fails when the target exists: of two racing puts exactly one
     * stores the file. Either way the name appears whole, never partial.
     *
     * @return whether this call made the name
     */
    private static boolean link(Path staged, Path target) throws IOException {
        try {
            Files.createLink(target, staged);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
    }

    // Stored variants, for their budget (storage.budget.VariantBudgetStore).

    @Override
    public void forEachVariant(VariantVisitor visitor) throws IOException {
        LocalVariants.walk(root, visitor);
    }

    /** Under the MD5's lock, as puts and deletes: a variant's folder goes only when it is empty. */
    @Override
    public void removeVariant(Md5 md5, VariantKey key) throws IOException {
        synchronized (lockOf(md5)) {
            Path file = variantPath(md5, key);
            Files.deleteIfExists(file);
            try {
                Files.deleteIfExists(file.getParent());
            } catch (DirectoryNotEmptyException stillUsed) {
                // Another file in the folder (not sis's): the folder stays.
            }
        }
    }

    @Override
    public long footprint(long size) {
        return LocalVariants.footprint(size, blockSize);
    }

    @Override
    public DefaultBudget defaultBudget() throws IOException {
        return LocalVariants.defaultBudget(root);
    }

    private static Optional<StoredFile> existing(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? Optional.of(new LocalStoredFile(path, attributes.size()))
                    : Optional.empty();
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }
}
