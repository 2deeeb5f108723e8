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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageStore} must do. Each backend's test extends this with {@link #newStore()};
 * the remote and S3 stores of later issues plug in here.
 */
public abstract class ImageStoreContract {
    protected ImageStore store;

    protected abstract ImageStore newStore() throws IOException;

    @BeforeEach
    void openStore() throws IOException {
        store = newStore();
    }

    protected Path stage(byte[] bytes) throws IOException {
        Path staged = store.newStagingFile();
        Files.write(staged, bytes);
        return staged;
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
        Path second = stage(bytes);

        assertThat(store.putOriginal(md5, new FileName("x"), second)).isFalse();
        assertThat(second).doesNotExist();
        assertThat(store.original(md5, new FileName("x")).orElseThrow().readAll()).isEqualTo(bytes);
    }

    @Test
    void variantsAreKeptApartFromOriginalsAndFromEachOther() throws IOException {
        byte[] original = {7, 7, 7};
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("o.jpg"), stage(original));
        VariantKey small = new VariantKey("w10-h10-stretch-auto-q100", "jpg");
        VariantKey large = new VariantKey("w20-h20-stretch-auto-q100", "jpg");
        store.putVariant(md5, small, stage(new byte[] {1}));
        store.putVariant(md5, large, stage(new byte[] {2, 2}));

        assertThat(store.variant(md5, small).orElseThrow().readAll()).containsExactly(1);
        assertThat(store.variant(md5, large).orElseThrow().readAll()).containsExactly(2, 2);
        assertThat(store.names(md5)).extracting(FileName::value).containsExactly("o.jpg");
    }

    @Test
    void deletingTheLastNameRemovesTheVariantsToo() throws IOException {
        byte[] original = {8};
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("a"), stage(original));
        store.putOriginal(md5, new FileName("b"), stage(original));
        VariantKey key = new VariantKey("w5-h5-stretch-auto-q100", "png");
        store.putVariant(md5, key, stage(new byte[] {9}));

        assertThat(store.delete(md5, new FileName("a"))).isTrue();
        assertThat(store.variant(md5, key)).isPresent();
        assertThat(store.delete(md5, new FileName("b"))).isTrue();
        assertThat(store.variant(md5, key)).isEmpty();
        assertThat(store.delete(md5, null)).isFalse();
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
        byte[] original = {5, 5, 5};
        Md5 md5 = md5Of(original);
        store.putOriginal(md5, new FileName("o.jpg"), stage(original));
        VariantKey key = new VariantKey("w10-h10-stretch-auto-q100", "jpg");
        store.putVariant(md5, key, stage(new byte[] {1, 2}));
        StoredFile found = store.variant(md5, key).orElseThrow();

        removeElsewhere(md5, key);

        // The reader tells "gone" from a failure, and makes the variant again (ImageService).
        assertThatThrownBy(found::readAll).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFreshStoreIsReady() {
        assertThat(store.isReady()).isTrue();
    }
}
