package dev.sis.service;

import dev.sis.storage.Blob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.cache.ImageCaches;
import dev.sis.config.CacheConfig;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
import dev.sis.config.UploadLimits;
import dev.sis.client.Fit;
import dev.sis.image.ImageEngines;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.image.DecodeGate;
import dev.sis.storage.ForwardingImageStore;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import dev.sis.storage.local.LocalImageStore;
import dev.sis.testing.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored variant removed between its lookup and its read (its budget let it go, in this
 * process or in another one sharing the bucket) is made again: the read never fails.
 */
class RemovedVariantTest {
    @TempDir
    Path dir;

    @Test
    void aVariantRemovedBetweenItsLookupAndItsReadIsMadeAgain() throws IOException, InterruptedException {
        LocalImageStore local = LocalImageStore.open(dir);
        ImageService service = new ImageService(new RemovedRightAfterLookup(local),
                ImageCaches.create(new CacheConfig(0, CacheConfig.CachePolicy.TINYLFU)),
                ImageEngines.create(EngineChoice.JAVA, ImageLimits.defaults()),
                new DecodeGate(1, 4, Duration.ofSeconds(5)), UploadLimits.defaults(), new SimpleMeterRegistry());
        byte[] png = TestImages.png(80, 60);
        Md5 md5 = new Md5(TestImages.md5Hex(png));
        local.putOriginal(md5, new FileName("a.png"), Blob.of(png));
        VariantSpec spec = new VariantSpec(40, 30, Fit.STRETCH, ImageFormat.PNG, 85);

        byte[] made = service.variant(md5, null, spec).file().readAll();
        assertThat(service.variants().awaitWrites(Duration.ofSeconds(10))).isTrue(); // stored after its answer
        byte[] again = service.variant(md5, null, spec).file().readAll(); // found stored, gone when read

        assertThat(again).isEqualTo(made);
        assertThat(service.variantsMade()).isEqualTo(2);
    }

    /** A local store whose variants are removed just after each lookup finds them, as an eviction racing the read. */
    private static final class RemovedRightAfterLookup extends ForwardingImageStore {
        private final LocalImageStore local;

        RemovedRightAfterLookup(LocalImageStore local) {
            super(local);
            this.local = local;
        }

        @Override
        public Optional<StoredFile> variant(Md5 md5, VariantKey key) throws IOException {
            Optional<StoredFile> found = local.variant(md5, key);
            if (found.isPresent()) {
                local.removeVariant(md5, key);
            }
            return found;
        }
    }
}
