package dev.sis.storage.local;

import dev.sis.storage.StoredVariants.DefaultBudget;
import dev.sis.storage.StoredVariants.VariantVisitor;
import dev.sis.storage.StoreLayout;
import dev.sis.storage.VariantPlace;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/** The variants of a {@link LocalImageStore}'s tree, as their budget sees them. */
final class LocalVariants {
    /** The share of the store's volume that stored variants may take when no budget is set. */
    static final int DEFAULT_PERCENT_OF_VOLUME = 10;
    /** {@code ab/cd/<md5>/<variant-id>/image.<ext>}: the files deeper than this are not sis's. */
    private static final int VARIANT_DEPTH = 5;
    private static final long TYPICAL_BLOCK = 4096;

    private LocalVariants() {
    }

    /**
     * Visits every variant under {@code root}: originals ({@code src/}) and {@code .staging}
     * are skipped whole, and anything not at a variant's place is ignored. A file removed during
     * the walk is passed over.
     */
    static void walk(Path root, VariantVisitor visitor) throws IOException {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), VARIANT_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skipped = !dir.equals(root) && (name.startsWith(".") || name.equals(StoreLayout.ORIGINALS));
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    var place = VariantPlace.parse(relative);
                    if (place.isPresent()) {
                        visitor.variant(place.get(), attrs.size(), attrs.lastModifiedTime().toMillis());
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // removed meanwhile, or unreadable: not counted
            }
        });
    }

    /**
     * What a variant of {@code size} bytes takes on disk: whole blocks, and one more for its
     * folder. A budget of apparent sizes would let a flood of tiny variants (a 1×1 GIF is 43
     * bytes) take 200 times their bytes in blocks and inodes.
     */
    static long footprint(long size, long blockSize) {
        return Math.ceilDiv(size, blockSize) * blockSize + blockSize;
    }

    /** The file system's block size, else the usual 4 KiB. */
    static long blockSize(Path root) {
        try {
            long size = Files.getFileStore(root).getBlockSize();
            return size > 0 ? size : TYPICAL_BLOCK;
        } catch (IOException | UnsupportedOperationException unknown) {
            return TYPICAL_BLOCK;
        }
    }

    /** {@value #DEFAULT_PERCENT_OF_VOLUME}% of the volume the store is on (its total size, not what is free). */
    static DefaultBudget defaultBudget(Path root) throws IOException {
        long total = Files.getFileStore(root).getTotalSpace();
        return new DefaultBudget(total / 100 * DEFAULT_PERCENT_OF_VOLUME,
                DEFAULT_PERCENT_OF_VOLUME + "% of the volume");
    }
}
