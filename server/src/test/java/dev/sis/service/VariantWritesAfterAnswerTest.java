package dev.sis.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.cache.ImageCaches;
import dev.sis.client.Fit;
import dev.sis.config.CacheConfig;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
import dev.sis.config.UploadLimits;
import dev.sis.image.DecodeGate;
import dev.sis.image.ImageEngines;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ForwardingImageStore;
import dev.sis.storage.StoreLayout;
import dev.sis.storage.VariantKey;
import dev.sis.storage.local.LocalImageStore;
import dev.sis.testing.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a local disk a new variant is answered before it is stored (its fsync is no reader's to wait
 * for), is found in memory until it has landed, so that it is not made twice, and is on the disk,
 * whole, once the writes are done. The store's puts are held until the test lets them go.
 */
class VariantWritesAfterAnswerTest {
    @TempDir
    Path dir;

    @Test
    void theAnswerDoesNotWaitForTheWriteAndTheVariantIsNotMadeAgainMeanwhile() throws Exception {
        LocalImageStore local = LocalImageStore.open(dir);
        HeldPuts store = new HeldPuts(local);
        byte[] png = TestImages.png(80, 60);
        Md5 md5 = new Md5(TestImages.md5Hex(png));
        local.putOriginal(md5, new FileName("a.png"), Blob.of(png));
        VariantSpec spec = new VariantSpec(40, 30, Fit.STRETCH, ImageFormat.PNG, 85);
        VariantKey key = new VariantKey(spec.id(), ImageFormat.PNG.extension());
        ImageService service = new ImageService(store, ImageCaches.create(new CacheConfig(0, CacheConfig.CachePolicy.TINYLFU)),
                ImageEngines.create(EngineChoice.JAVA, ImageLimits.defaults()),
                new DecodeGate(1, 4, Duration.ofSeconds(5)), UploadLimits.defaults(), new SimpleMeterRegistry());
        try {
            byte[] made = service.variant(md5, null, spec).file().readAll();
            assertThat(store.finished).as("variant puts finished before the answer").hasValue(0);
            assertThat(local.variant(md5, key)).as("on the disk before its put was let go").isEmpty();

            byte[] again = service.variant(md5, null, spec).file().readAll(); // no memory cache: the pending write
            assertThat(again).isEqualTo(made);
            assertThat(service.variantsMade()).as("made once").isEqualTo(1);

            store.release.countDown();
            assertThat(service.variants().awaitWrites(Duration.ofSeconds(10))).isTrue();
            assertThat(store.finished).hasValue(1);
            assertThat(Files.readAllBytes(local.root().resolve(StoreLayout.variant(md5, key)))).isEqualTo(made);
        } finally {
            store.release.countDown();
            service.close();
        }
    }

    /**
     * Holds every variant put until {@link #release} (on the old path, where the put ran before
     * the answer, the answer came only after the hold's 30 s and found the put finished).
     */
    private static final class HeldPuts extends ForwardingImageStore {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger finished = new AtomicInteger();

        HeldPuts(LocalImageStore local) {
            super(local);
        }

        @Override
        public boolean putVariant(Md5 md5, VariantKey key, Blob blob) throws IOException {
            try {
                release.await(30, TimeUnit.SECONDS);
                return super.putVariant(md5, key, blob);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                finished.incrementAndGet();
            }
        }
    }
}
