package dev.sis.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ForwardingImageStore;
import dev.sis.storage.VariantKey;
import dev.sis.storage.local.LocalImageStore;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variants that wait to be written after their answers are bounded in bytes, not only in
 * count: a variant that would pass the bound is written before its answer, on the caller's thread.
 */
class VariantWriterBoundsTest {
    private static final int BOUND = 1000;

    @TempDir
    Path dir;

    @Test
    void aVariantPastTheByteBoundIsWrittenBeforeItsAnswer() throws Exception {
        LocalImageStore local = LocalImageStore.open(dir);
        byte[] png = TestImages.png(20, 10);
        Md5 md5 = new Md5(TestImages.md5Hex(png));
        local.putOriginal(md5, new FileName("a.png"), Blob.of(png));
        PutThreads store = new PutThreads(local);
        VariantKey small = new VariantKey("w10-h5-stretch-png-q85", "png");
        VariantKey large = new VariantKey("w20-h10-stretch-png-q85", "png");

        try (VariantWriter writer = new VariantWriter(store, BOUND)) {
            writer.write(md5, small, new byte[BOUND]);
            writer.write(md5, large, new byte[BOUND + 1]);
            assertThat(writer.awaitWrites(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(store.threads.get(small)).as("within the bound: after the answer").isNotSameAs(Thread.currentThread());
        assertThat(store.threads.get(large)).as("past the bound: before the answer").isSameAs(Thread.currentThread());
        assertThat(local.variant(md5, small)).isPresent();
        assertThat(local.variant(md5, large)).isPresent();
    }

    /** Records the thread each variant's put ran on. */
    private static final class PutThreads extends ForwardingImageStore {
        final Map<VariantKey, Thread> threads = new ConcurrentHashMap<>();

        PutThreads(LocalImageStore local) {
            super(local);
        }

        @Override
        public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
            threads.put(key, Thread.currentThread());
            return super.putVariant(md5, key, blob);
        }
    }
}
