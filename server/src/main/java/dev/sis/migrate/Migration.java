package dev.sis.migrate;

import dev.sis.errors.SisException;
import dev.sis.image.ImageAnalysis;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Copies every original of a source into a destination store.
 *
 * <p>Design note: the source is listed twice, first to count files and bytes (for the progress
 * and the ETA), then to copy, so nothing proportional to the number of files is held in
 * memory. Each file is skipped when the destination has its MD5 and name already (so a run
 * can be repeated and resumed), else spooled into the destination's staging file while its
 * MD5 is computed; a file whose content does not match the MD5 of its place is reported by
 * its path and not stored. A few copies run at once: the listing waits while they are busy.
 * The analysis sidecars of a sis store are carried by a third listing, once every original is
 * there (a store keeps a sidecar only beside its original); only when the count found some.
 * Thread-safe counters live in {@link Progress}.
 */
final class Migration {
    private final MigrationSource source;
    private final ImageStore destination;
    private final int parallel;
    private final Progress progress;

    Migration(MigrationSource source, ImageStore destination, int parallel, Progress progress) {
        this.source = source;
        this.destination = destination;
        this.parallel = parallel;
        this.progress = progress;
    }

    /** Runs the migration; the outcome is in {@link #progress}'s counters. */
    void run() throws IOException, InterruptedException {
        long[] analyses = new long[1];
        source.list(new MigrationSource.Visitor() {
            @Override
            public void file(SourceFile file) {
                progress.found(file.size());
            }

            @Override
            public void misplaced(String where, String reason) {
                // Reported once, in the copying pass.
            }

            @Override
            public void analysis(SourceAnalysis sidecar) {
                analyses[0]++;
            }
        });
        progress.start();
        try {
            copyAll(true);
            if (analyses[0] > 0) {
                // after every original: a store keeps a sidecar only beside its image's original
                copyAll(false);
            }
        } finally {
            progress.finish();
        }
    }

    /** One listing of the source, copying its originals or its analyses, {@link #parallel} at a time. */
    private void copyAll(boolean originals) throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService copies = Executors.newVirtualThreadPerTaskExecutor()) {
            source.list(new MigrationSource.Visitor() {
                @Override
                public void file(SourceFile file) {
                    if (originals) {
                        inSlot(() -> copy(file));
                    }
                }

                @Override
                public void misplaced(String where, String reason) {
                    if (originals) {
                        progress.failed(where, reason);
                    }
                }

                @Override
                public void analysis(SourceAnalysis sidecar) {
                    if (!originals) {
                        inSlot(() -> copy(sidecar));
                    }
                }

                private void inSlot(Runnable copy) {
                    slots.acquireUninterruptibly();
                    copies.submit(() -> {
                        try {
                            copy.run();
                        } finally {
                            slots.release();
                        }
                    });
                }
            });
            copies.shutdown();
            copies.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        }
    }

    /**
     * Carries one analysis sidecar, read whole (it is small), when it parses as one: a file of
     * that name that is not sis's analysis is reported and left behind, as the destination's
     * server would not trust it either.
     */
    private void copy(SourceAnalysis sidecar) {
        try {
            if (destination.variant(sidecar.md5(), sidecar.key()).isPresent()) {
                return; // carried by an earlier run: a sidecar is never rewritten
            }
            byte[] bytes;
            try (InputStream in = sidecar.opener().open()) {
                bytes = in.readNBytes(ImageAnalysis.MAX_SIDECAR_BYTES + 1);
            }
            if (ImageAnalysis.parse(bytes).isEmpty()) {
                progress.failed(sidecar.where(), "not an image analysis sis can read (at most "
                        + ImageAnalysis.MAX_SIDECAR_BYTES + " bytes of sis's JSON): left behind");
                return;
            }
            if (destination.putVariant(sidecar.md5(), sidecar.key(), Blob.of(bytes))) {
                progress.analysisCopied();
            } else if (!destination.exists(sidecar.md5())) {
                progress.failed(sidecar.where(), "its image's original was not carried, so neither is its analysis");
            }
        } catch (IOException | SisException e) {
            progress.failed(sidecar.where(), e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (RuntimeException e) {
            progress.failed(sidecar.where(), e.toString());
        }
    }

    private void copy(SourceFile file) {
        try {
            if (destination.original(file.md5(), file.name()).isPresent()) {
                progress.skipped(file.size());
                return;
            }
            // Closed here only when it is refused before the put, which takes it over otherwise.
            try (Blob.Staged staged = Blob.staged(destination.newStagingFile())) {
                Md5 actual = spool(file, staged.path());
                if (!actual.equals(file.md5())) {
                    progress.failed(file.where(), "content MD5 " + actual + " does not match its place (" + file.md5() + ")");
                    return;
                }
                destination.putOriginal(file.md5(), file.name(), Blob.staged(staged.path(), actual, null));
                progress.copied(file.size());
            }
        } catch (IOException | SisException e) {
            progress.failed(file.where(), e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (RuntimeException e) {
            progress.failed(file.where(), e.toString());
        }
    }

    private static Md5 spool(SourceFile file, Path staged) throws IOException {
        MessageDigest md5 = newMd5();
        try (InputStream in = file.opener().open();
             OutputStream out = new DigestOutputStream(Files.newOutputStream(staged), md5)) {
            in.transferTo(out);
        }
        return Md5.of(md5.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
