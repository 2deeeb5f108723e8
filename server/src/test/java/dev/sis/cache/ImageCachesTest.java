package dev.sis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.CacheConfig.CachePolicy;
import dev.sis.config.CacheConfig;
import dev.sis.image.EncodedImage;
import org.junit.jupiter.api.Test;

class ImageCachesTest {

    @Test
    void picksTheConfiguredPolicyWithTheConfiguredBudget() {
        ImageCache fifo = ImageCaches.create(new CacheConfig(1_000, CachePolicy.FIFO));
        ImageCache tinyLfu = ImageCaches.create(new CacheConfig(2_000, CachePolicy.TINYLFU));

        assertThat(fifo).isInstanceOf(FifoImageCache.class);
        assertThat(fifo.budget()).isEqualTo(1_000);
        assertThat(tinyLfu).isInstanceOf(TinyLfuImageCache.class);
        assertThat(tinyLfu.budget()).isEqualTo(2_000);
    }

    @Test
    void aZeroBudgetDisablesCaching() {
        ImageCache cache = ImageCaches.create(new CacheConfig(0, CachePolicy.TINYLFU));
        cache.put(CacheKey.original("%032x".formatted(1)), new EncodedImage(new byte[10], null));

        assertThat(cache).isInstanceOf(NoImageCache.class);
        assertThat(cache.get(CacheKey.original("%032x".formatted(1)))).isNull();
        assertThat(cache.weightedSize()).isZero();
        assertThat(cache.budget()).isZero();
        assertThat(cache.stats()).isEqualTo(new CacheStats(0, 1, 0));
    }
}
