package dev.sis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.cache.ImageCaches;
import dev.sis.config.CacheConfig;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
import dev.sis.config.UploadLimits;
import dev.sis.errors.NotFoundException;
import dev.sis.client.Fit;
import dev.sis.image.ImageEngines;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.image.DecodeGate;
import dev.sis.testing.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service over a fake store that counts what it is asked ({@link InMemoryStore}): which store
 * calls each service call costs, since on an agent or S3 each is a round trip.
 */
class ServiceOverFakeStoreTest {
    private static final VariantSpec SPEC = new VariantSpec(40, 30, Fit.STRETCH, ImageFormat.PNG, 85);

    @TempDir
    Path staging;
    private InMemoryStore store;
    private DecodeGate gate;
    private ImageService service;
    private Md5 md5;

    @BeforeEach
    void start() {
        store = new InMemoryStore(staging);
        gate = new DecodeGate(1, 4, Duration.ofSeconds(5));
        service = new ImageService(store, ImageCaches.create(new CacheConfig(16 << 20, CacheConfig.CachePolicy.TINYLFU)),
                ImageEngines.create(EngineChoice.JAVA, ImageLimits.defaults()), gate, UploadLimits.defaults(),
                new SimpleMeterRegistry());
        byte[] png = TestImages.png(80, 60);
        md5 = new Md5(TestImages.md5Hex(png));
        store.add(md5, "a.png", png);
    }

    @AfterEach
    void stop() {
        service.close();
        gate.close();
    }

    @Test
    void aColdVariantListsTheNamesReadsTheOriginalOnceLooksForTheVariantOnceAndStoresIt() throws IOException {
        byte[] made = service.variant(md5, null, SPEC).file().readAll();

        assertThat(TestImages.decode(made).getWidth()).isEqualTo(40);
        assertThat(store.calls("names")).isEqualTo(1);
        assertThat(store.calls("openOriginal")).as("one read gives the format and the bytes").isEqualTo(1);
        assertThat(store.calls("openVariant")).isEqualTo(1);
        assertThat(store.calls("putVariant")).isEqualTo(1);
        assertThat(store.allCalls()).as("nothing else: no lookup before a read, no second read").isEqualTo(4);
        assertThat(store.hasVariant(md5, SPEC.id())).isTrue();
        assertThat(service.variantsMade()).isEqualTo(1);
    }

    @Test
    void aVariantOfACachedOriginalChecksItExistsAndLooksForTheStoredVariantOnly() {
        service.original(md5, null);
        long before = store.allCalls();

        service.variant(md5, null, SPEC);

        assertThat(store.allCalls() - before).as("exists, openVariant, putVariant").isEqualTo(3);
        assertThat(store.calls("exists")).isEqualTo(1);
    }

    @Test
    void aCachedVariantCostsOneExistenceCheck() {
        service.variant(md5, null, SPEC);
        long before = store.allCalls();

        service.variant(md5, null, SPEC);
        service.variant(md5, new FileName("a.png"), SPEC);

        assertThat(store.allCalls() - before).isEqualTo(2);
        assertThat(store.calls("exists")).isEqualTo(1);
        assertThat(store.calls("existsName")).isEqualTo(1);
        assertThat(service.variantsMade()).isEqualTo(1);
    }

    @Test
    void aStoredVariantIsReadNotMade() {
        service.variant(md5, null, SPEC);
        ImageService fresh = new ImageService(store, ImageCaches.create(new CacheConfig(0, CacheConfig.CachePolicy.TINYLFU)),
                ImageEngines.create(EngineChoice.JAVA, ImageLimits.defaults()), gate, UploadLimits.defaults(),
                new SimpleMeterRegistry());

        fresh.variant(md5, null, SPEC);

        assertThat(fresh.variantsMade()).isZero();
        fresh.close();
    }

    @Test
    void infoListsTheNamesOnceAndProbesTheOriginalOnceForEveryCall() {
        ImageDetails first = service.info(md5);
        ImageDetails second = service.info(md5);

        assertThat(first).isEqualTo(second);
        assertThat(first.names()).containsExactly(new FileName("a.png"));
        assertThat(first.info().width()).isEqualTo(80);
        assertThat(store.calls("names")).as("once per call: the existence check").isEqualTo(2);
        assertThat(store.calls("openOriginal")).as("the probe is remembered").isEqualTo(1);
        assertThat(store.allCalls()).isEqualTo(3);
    }

    @Test
    void aDeletedImageIsGoneFromTheCacheAndTheInfo() {
        service.variant(md5, null, SPEC);
        service.info(md5);

        assertThat(service.delete(md5, null)).isTrue();

        assertThatThrownBy(() -> service.info(md5)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.variant(md5, null, SPEC)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.original(md5, null)).isInstanceOf(NotFoundException.class);
    }
}
