package dev.sis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a store that keeps its variants itself must do for their budget: list them all (and no
 * original), and remove one without touching anything else. The tests of those stores
 * implement it next to {@link ImageStoreContract}.
 */
public interface StoredVariantsContract {

    /** The store under test. */
    ImageStore store();

    private StoredVariants variants() {
        return (StoredVariants) store();
    }

    private Blob stage(byte[] bytes) throws IOException {
        return Blob.staged(Files.write(store().newStagingFile(), bytes));
    }

    /** Stores {@code bytes} as the original {@code o.jpg}. */
    private Md5 storeOriginal(byte[] bytes) throws IOException {
        Md5 md5 = new Md5(TestImages.md5Hex(bytes));
        store().putOriginal(md5, new FileName("o.jpg"), stage(bytes));
        return md5;
    }

    @Test
    default void theListingHasEveryVariantWithItsSizeAndNoOriginal() throws IOException {
        Md5 md5 = storeOriginal(new byte[] {1, 1, 1});
        VariantKey small = new VariantKey("w10-h10-stretch-auto-q100", "jpg");
        VariantKey large = new VariantKey("w20-h20-cover-png-q85", "png");
        store().putVariant(md5, small, stage(new byte[] {1}));
        store().putVariant(md5, large, stage(new byte[] {2, 2, 2}));
        long before = System.currentTimeMillis() - 60_000;

        Map<VariantPlace, Long> listed = new HashMap<>();
        variants().forEachVariant((place, size, lastModified) -> {
            assertThat(lastModified).as("written just now").isGreaterThan(before);
            listed.put(place, size);
        });

        assertThat(listed).containsOnly(Map.entry(new VariantPlace(md5, small), 1L),
                Map.entry(new VariantPlace(md5, large), 3L));
    }

    @Test
    default void removingAVariantLeavesTheOriginalAndTheOtherVariants() throws IOException {
        byte[] original = {2, 2, 2};
        Md5 md5 = storeOriginal(original);
        VariantKey gone = new VariantKey("w10-h10-stretch-auto-q100", "jpg");
        VariantKey kept = new VariantKey("w20-h20-stretch-auto-q100", "jpg");
        store().putVariant(md5, gone, stage(new byte[] {1}));
        store().putVariant(md5, kept, stage(new byte[] {2}));

        variants().removeVariant(md5, gone);
        variants().removeVariant(md5, gone); // not there: nothing happens

        assertThat(store().variant(md5, gone)).isEmpty();
        assertThat(store().variant(md5, kept)).isPresent();
        assertThat(store().original(md5, new FileName("o.jpg")).orElseThrow().readAll()).isEqualTo(original);
        assertThat(store().exists(md5)).isTrue();
        assertThat(store().putVariant(md5, gone, stage(new byte[] {3}))).as("stored again").isTrue();
    }
}
