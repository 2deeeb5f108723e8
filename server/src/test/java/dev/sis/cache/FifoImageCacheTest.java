package dev.sis.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FifoImageCacheTest extends ImageCacheContract {

    @Override
    ImageCache newCache(long budget) {
        return new FifoImageCache(budget);
    }

    @Test
    void evictsTheOldestInsertedFirstWhateverWasRead() {
        ImageCache cache = newCache(3_000);
        cache.put(key(1), weighing(1_000));
        cache.put(key(2), weighing(1_000));
        cache.put(key(3), weighing(1_000));
        cache.get(key(1)); // a read does not protect an entry: this is not LRU

        cache.put(key(4), weighing(1_000));
        assertThat(cache.get(key(1))).isNull();
        assertThat(cache.get(key(2))).isNotNull();

        cache.put(key(5), weighing(1_000));
        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(3))).isNotNull();
    }

    @Test
    void aHeavyEntryEvictsAsManyOfTheOldestAsItNeeds() {
        ImageCache cache = newCache(4_000);
        for (int i = 1; i <= 4; i++) {
            cache.put(key(i), weighing(1_000));
        }

        cache.put(key(5), weighing(2_500));

        assertThat(visibleWeight(cache, 6)).isEqualTo(3_500);
        assertThat(cache.get(key(1))).isNull();
        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(3))).isNull();
        assertThat(cache.get(key(4))).isNotNull();
        assertThat(cache.stats().evictions()).isEqualTo(3);
    }

    @Test
    void aReputEntryCountsAsNewlyInserted() {
        ImageCache cache = newCache(3_000);
        cache.put(key(1), weighing(1_000));
        cache.put(key(2), weighing(1_000));
        cache.put(key(3), weighing(1_000));
        cache.put(key(1), weighing(1_000));

        cache.put(key(4), weighing(1_000));

        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(1))).isNotNull();
    }

    @Test
    void rejectsANonPositiveBudget() {
        assertThatThrownBy(() -> new FifoImageCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
