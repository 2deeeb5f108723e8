package dev.sis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TinyLfuImageCacheTest extends ImageCacheContract {

    @Override
    ImageCache newCache(long budget) {
        return new TinyLfuImageCache(budget);
    }

    @Test
    void weightsBeyondAnIntAreNotCacheableEvenUnderAHugeBudget() {
        // Caffeine's weigher returns an int; a 2 GiB image cannot be built in a test, so check the gate.
        assertThat(TinyLfuImageCache.cacheable(Integer.MAX_VALUE, Long.MAX_VALUE)).isTrue();
        assertThat(TinyLfuImageCache.cacheable(Integer.MAX_VALUE + 1L, Long.MAX_VALUE)).isFalse();
        assertThat(TinyLfuImageCache.cacheable(1_001, 1_000)).isFalse();
    }

    @Test
    void aPopularEntrySurvivesAOnePassScan() {
        ImageCache cache = newCache(10_000);
        for (int round = 0; round < 5; round++) {
            for (int hot = 0; hot < 5; hot++) {
                if (cache.get(key(hot)) == null) {
                    cache.put(key(hot), weighing(1_000));
                }
            }
        }

        for (int cold = 100; cold < 300; cold++) {
            cache.get(key(cold));
            cache.put(key(cold), weighing(1_000));
        }

        for (int hot = 0; hot < 5; hot++) {
            assertThat(cache.get(key(hot))).as("hot key %d", hot).isNotNull();
        }
    }

    @Test
    void rejectsANonPositiveBudget() {
        assertThatThrownBy(() -> new TinyLfuImageCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
