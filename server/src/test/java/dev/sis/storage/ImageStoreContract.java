package dev.sis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageStore} must do. Each backend's test (local, S3 through S3Proxy, an
 * agent's remote store against a real server) extends this with {@link #newStore()}; puts are
 * tried with both kinds of {@link Blob}.
 */
public abstract class ImageStoreContract {
    /** Two variants of a 40×30 PNG original, as the server names them. */
    protected static final VariantKey SMALL = new VariantKey("w10-h10-stretch-auto-q100", "png");
    protected static final VariantKey LARGE = new VariantKey("w20-h20-stretch-auto-q100", "png");
    private static final int RACE_ROUNDS = 10;
    private static final int RACE_PUTS = 12;

    protected ImageStore store;

    protected abstract ImageStore newStore() throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        store = newStore();
    }

    /** {@code bytes} as a file staged in the store's own staging folder, for a put to take over. */
    protected Blob.Staged stage(byte[] bytes) throws IOException {
        return Blob.staged(Files.write(store.newStagingFile(), bytes));
    }

    protected static Md5 md5Of(byte[] bytes) {
        return new Md5(TestImages.md5Hex(bytes));
    }

    @Test
    void storedOriginalReadsBackWholeAndByRange() throws IOException {
        byte[] bytes = "hello, image".getBytes(StandardCharsets.UTF_8);
        Md5 md5 = md5Of(bytes);
        assertThat(store.putOriginal(md5, new FileName("a.jpg"), stage(bytes))).isTrue();

        StoredFile file = store.original(md5, new FileName("a.jpg")).orElseThrow();
        assertThat(file.size()).isEqualTo(bytes.length);
        assertThat(file.readAll()).isEqualTo(bytes);
        try (InputStream part = file.open(7, 5)) {
            assertThat(new String(part.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("image");
        }
    }

    @Test
    void missingOriginalIsEmpty() throws IOException {
        Md5 md5 = md5Of(new byte[] {1});
        assertThat(store.original(md5, new FileName("a.jpg"))).isEmpty();
        assertThat(store.names(md5)).isEmpty();
    }

    @Test
    void namesOfOneMd5AreListedSorted() throws IOException {
        byte[] bytes = {1, 2, 3};
        Md5 md5 = md5Of(bytes);
        store.putOriginal(md5, new FileName("b.png"), stage(bytes));
        store.putOriginal(md5, new FileName("a.png"), stage(bytes));

        assertThat(store.names(md5)).extracting(FileName::value).containsExactly("a.png", "b.png");
    }

    @Test
    void puttingTheSameFileAgainRewritesNothing() throws IOException {
        byte[] bytes = {4, 5, 6};
        Md5 md5 = md5Of(bytes);
        assertThat(store.putOriginal(md5, new FileName("x"), stage(bytes))).isTrue();
        Blob.Staged second = stage(bytes);

        assertThat(store.putOriginal(md5, new FileName("x"), second)).isFalse();
        assertThat(second.path()).doesNotExist();
        assertThat(store.original(md5, new FileName("x")).orElseThrow().readAll()).isEqualTo(bytes);
    }

    @Test
    void anOriginalPutFromMemoryIsStoredAndAnotherPutOfItRewritesNothing() throws IOException {
        byte[] bytes = "kept in memory".getBytes(StandardCharsets.UTF_8);
        Md5 md5 = md5Of(bytes);

        assertThat(store.putOriginal(md5, new FileName("m.bin"), Blob.of(bytes))).isTrue();
        assertThat(store.putOriginal(md5, new FileName("m.bin"), Blob.of(bytes))).isFalse();

        assertThat(store.original(md5, new FileName("m.bin")).orElseThrow().readAll()).isEqualTo(bytes);
        assertThat(store.names(md5)).extracting(FileName::value).containsExactly("m.bin");
    }

    /** A blob said to have another MD5 than the key it is put under: refused before anything is sent or linked. */
    @Test
    void aBlobKnownToHaveAnotherMd5IsRefusedNothingIsStoredAndItsFileIsRemoved() throws IOException {
        byte[] bytes = {7, 7, 7};
        Md5 md5 = md5Of(bytes);
        Md5 other = md5Of(new byte[] {8});
        Blob.Staged staged = stage(bytes);

        assertThatThrownBy(() -> store.putOriginal(md5, new FileName("w.bin"),
                Blob.staged(staged.path(), other, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.putOriginal(md5, new FileName("w.bin"), new Blob.Bytes(bytes, other)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(staged.path()).doesNotExist();
        assertThat(store.exists(md5)).isFalse();
        assertThat(store.names(md5)).isEmpty();
    }

    /** Same key, other bytes: the stored variant stays what it was, and the staged file is removed. */
    @Test
    void aVariantAlreadyStoredIsNotOverwrittenAndTheStagedFileIsRemoved() throws IOException {
        byte[] original = TestImages.png(40, 30);
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("o.png"), stage(original));
        byte[] first = TestImages.encode(TestImages.picture(10, 10, 1), "png");
        byte[] second = TestImages.encode(TestImages.picture(10, 10, 2), "png");
        assertThat(second).isNotEqualTo(first);
        store.putVariant(md5, SMALL, Blob.of(first)); // an agent's server does not say whether it was new
        Blob.Staged again = stage(second);

        assertThat(store.putVariant(md5, SMALL, again)).isFalse();

        assertThat(store.variant(md5, SMALL).orElseThrow().readAll()).isEqualTo(first);
        assertThat(again.path()).doesNotExist();
    }

    /**
     * Whether this store sends a staged blob's bytes from memory when they are there too (a store
     * across the network sends an upload kept in memory without reading its spool file back); the
     * local store links the staged file itself.
     */
    protected boolean sendsBytesKeptInMemory() {
        return false;
    }

    /**
     * An upload kept in memory while it was spooled: the bytes stored are the upload's. A store
     * that sends from memory is given a staged file that does not hold them, so that reading the
     * file back would store other bytes (and be refused for its MD5).
     */
    @Test
    void anUploadKeptInMemoryIsStoredFromWhereTheStoreTakesIt() throws IOException {
        byte[] bytes = TestImages.png(6, 6);
        Md5 md5 = md5Of(bytes);
        Blob.Staged staged = stage(sendsBytesKeptInMemory() ? new byte[0] : bytes);

        assertThat(store.putOriginal(md5, new FileName("k.png"), Blob.staged(staged.path(), md5, bytes))).isTrue();

        assertThat(store.original(md5, new FileName("k.png")).orElseThrow().readAll()).isEqualTo(bytes);
        assertThat(staged.path()).doesNotExist();
    }

    @Test
    void variantsAreKeptApartFromOriginalsAndFromEachOther() throws IOException {
        byte[] original = TestImages.png(40, 30);
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("o.png"), stage(original));
        byte[] smallBytes = TestImages.png(10, 10);
        byte[] largeBytes = TestImages.png(20, 20);
        store.putVariant(md5, SMALL, stage(smallBytes));
        store.putVariant(md5, LARGE, stage(largeBytes));

        assertThat(store.variant(md5, SMALL).orElseThrow().readAll()).isEqualTo(smallBytes);
        assertThat(store.variant(md5, LARGE).orElseThrow().readAll()).isEqualTo(largeBytes);
        assertThat(store.names(md5)).extracting(FileName::value).containsExactly("o.png");
    }

    /** A variant just made goes to the store from memory; it reads back the same, found and read in one call too. */
    @Test
    void aVariantPutFromMemoryIsStoredAndOpensWithItsSize() throws IOException {
        byte[] original = TestImages.png(40, 30);
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("o.png"), stage(original));
        byte[] smallBytes = TestImages.png(10, 10);

        store.putVariant(md5, SMALL, Blob.of(smallBytes));
        store.putVariant(md5, SMALL, Blob.of(smallBytes)); // already there: nothing is rewritten, nothing fails
        assertThat(store.putVariant(md5Of(smallBytes), SMALL, Blob.of(smallBytes))).as("no original of that MD5").isFalse();

        try (OpenedFile opened = store.openVariant(md5, SMALL).orElseThrow()) {
            assertThat(opened.file().size()).isEqualTo(smallBytes.length);
            assertThat(opened.bytes().readAllBytes()).isEqualTo(smallBytes);
        }
        try (OpenedFile opened = store.openOriginal(md5, new FileName("o.png")).orElseThrow()) {
            assertThat(opened.file().size()).isEqualTo(original.length);
            assertThat(opened.bytes().readAllBytes()).isEqualTo(original);
        }
        assertThat(store.openVariant(md5, LARGE)).isEmpty();
        assertThat(store.openOriginal(md5, new FileName("other.png"))).isEmpty();
    }

    @Test
    void deletingTheLastNameRemovesTheVariantsToo() throws IOException {
        byte[] original = TestImages.png(40, 30);
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("a.png"), stage(original));
        store.putOriginal(md5, new FileName("b.png"), stage(original));
        store.putVariant(md5, SMALL, stage(TestImages.png(10, 10)));

        assertThat(store.delete(md5, new FileName("a.png"))).isTrue();
        assertThat(store.variant(md5, SMALL)).isPresent();
        assertThat(store.delete(md5, new FileName("b.png"))).isTrue();
        assertThat(store.variant(md5, SMALL)).isEmpty();
        assertThat(store.delete(md5, null)).isFalse();
    }

    @Test
    void aVariantOfAnMd5WithoutAnOriginalIsDropped() throws IOException {
        Md5 md5 = md5Of(TestImages.png(40, 30));
        Blob.Staged staged = stage(TestImages.png(10, 10));

        assertThat(store.putVariant(md5, SMALL, staged)).isFalse();
        assertThat(store.variant(md5, SMALL)).isEmpty();
        assertThat(staged.path()).doesNotExist();
    }

    @Test
    void aVariantArrivingAfterItsOriginalWasDeletedIsDropped() throws IOException {
        byte[] original = TestImages.png(40, 30);
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("gone.png"), stage(original));
        Blob made = stage(TestImages.png(10, 10)); // made while the original was there
        store.delete(md5, null);

        assertThat(store.putVariant(md5, SMALL, made)).isFalse();
        assertThat(store.variant(md5, SMALL)).isEmpty();
        assertThat(store.exists(md5)).isFalse();
    }

    /**
     * DELETEs while variants of the same image are being stored: every DELETE succeeds, and once
     * all is done no variant is left without its original (sis 2.0's server had no such race: it
     * kept no variants; here a variant stored after the DELETE would be an orphan forever).
     */
    @Test
    void deletesRacingVariantPutsNeverFailAndLeaveNoOrphan() throws Exception {
        byte[] original = TestImages.png(40, 30);
        Md5 md5 = md5Of(original);
        byte[] variant = TestImages.png(10, 10);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            store.putOriginal(md5, new FileName("r.png"), stage(original));
            List<VariantKey> keys = new ArrayList<>();
            List<Callable<Boolean>> puts = new ArrayList<>();
            for (int i = 0; i < RACE_PUTS; i++) {
                VariantKey key = new VariantKey("w10-h10-stretch-auto-q" + (i + 1), "png");
                keys.add(key);
                Blob staged = stage(variant);
                puts.add(() -> store.putVariant(md5, key, staged));
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                // Half the puts before the DELETE, half after: some run during it, some after it.
                List<Future<Boolean>> stored = new ArrayList<>(puts.subList(0, RACE_PUTS / 2).stream().map(pool::submit).toList());
                Future<Boolean> deleted = pool.submit(() -> store.delete(md5, null));
                stored.addAll(puts.subList(RACE_PUTS / 2, RACE_PUTS).stream().map(pool::submit).toList());
                for (Future<Boolean> put : stored) {
                    put.get();
                }
                assertThat(deleted.get()).as("round %d: the DELETE removed the image", round).isTrue();
            }
            assertThat(store.exists(md5)).isFalse();
            for (VariantKey key : keys) {
                assertThat(store.variant(md5, key)).as("round %d: %s left without its original", round, key.id()).isEmpty();
            }
        }
    }

    @Test
    void existsFollowsPutsAndDeletes() throws IOException {
        byte[] bytes = {6, 6, 6};
        Md5 md5 = md5Of(bytes);
        assertThat(store.exists(md5)).isFalse();

        store.putOriginal(md5, new FileName("e.png"), stage(bytes));
        assertThat(store.exists(md5)).isTrue();

        store.delete(md5, null);
        assertThat(store.exists(md5)).isFalse();
    }

    /**
     * Removes a stored variant behind the store's back, as its budget (in this process or another
     * one sharing the store) may at any moment.
     */
    protected void removeElsewhere(Md5 md5, VariantKey key) throws IOException {
        ((StoredVariants) store).removeVariant(md5, key);
    }

    @Test
    void aVariantRemovedAfterItsLookupIsNoSuchFileWhenRead() throws IOException {
        byte[] original = TestImages.png(40, 30);
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("o.png"), stage(original));
        store.putVariant(md5, SMALL, stage(TestImages.png(10, 10)));
        StoredFile found = store.variant(md5, SMALL).orElseThrow();

        removeElsewhere(md5, SMALL);

        // The reader tells "gone" from a failure, and makes the variant again (ImageService).
        assertThatThrownBy(found::readAll).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFreshStoreIsReady() {
        assertThat(store.isReady()).isTrue();
    }
}
