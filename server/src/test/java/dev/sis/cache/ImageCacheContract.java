package dev.sis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.image.EncodedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link ImageCache} with a positive budget must do, whatever its eviction policy. */
abstract class ImageCacheContract {

    abstract ImageCache newCache(long budget);

    /** An image whose {@link ImageCache#weight} is exactly {@code weight}. */
    static EncodedImage weighing(long weight) {
        return new EncodedImage(new byte[(int) (weight - ImageCache.ENTRY_OVERHEAD)], null);
    }

    static CacheKey key(int i) {
        return CacheKey.original(md5(i));
    }

    static String md5(int i) {
        return "%032x".formatted(i);
    }

    /** Sum of the weights of the entries that get() returns, over every key in [0, keys). */
    static long visibleWeight(ImageCache cache, int keys) {
        long sum = 0;
        for (int i = 0; i < keys; i++) {
            EncodedImage image = cache.get(key(i));
            sum += image == null ? 0 : ImageCache.weight(image);
        }
        return sum;
    }

    @Test
    void getReturnsWhatWasPut() {
        ImageCache cache = newCache(10_000);
        EncodedImage image = weighing(1_000);

        cache.put(key(1), image);

        assertThat(cache.get(key(1)).bytes()).isEqualTo(image.bytes());
        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.weightedSize()).isEqualTo(1_000);
        assertThat(cache.budget()).isEqualTo(10_000);
    }

    @Test
    void budgetIsNeverExceededByRandomPuts() {
        long budget = 50_000;
        int keys = 200;
        ImageCache cache = newCache(budget);
        Random random = new Random(42);

        for (int i = 0; i < 3_000; i++) {
            // Up to 60% of the budget, so evictions take one or several entries at a time.
            cache.put(key(random.nextInt(keys)), weighing(ImageCache.ENTRY_OVERHEAD + random.nextInt(30_000)));
            assertThat(cache.weightedSize()).isLessThanOrEqualTo(budget);
        }

        assertThat(cache.weightedSize()).isEqualTo(visibleWeight(cache, keys)).isPositive();
        assertThat(cache.stats().evictions()).isPositive();
    }

    @Test
    void entryHeavierThanTheBudgetIsNotCached() {
        ImageCache cache = newCache(10_000);
        cache.put(key(1), weighing(2_000));

        cache.put(key(2), weighing(10_001));

        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(1))).as("nothing evicted for an entry that cannot fit").isNotNull();
        assertThat(cache.weightedSize()).isEqualTo(2_000);
    }

    @Test
    void entryAsHeavyAsTheBudgetIsCached() {
        ImageCache cache = newCache(10_000);

        cache.put(key(1), weighing(10_000));

        assertThat(cache.get(key(1))).isNotNull();
        assertThat(cache.weightedSize()).isEqualTo(10_000);
    }

    @Test
    void reputtingAKeyReplacesItsEntryAndItsWeight() {
        ImageCache cache = newCache(10_000);
        cache.put(key(1), weighing(1_000));
        EncodedImage replacement = weighing(3_000);

        cache.put(key(1), replacement);

        assertThat(cache.get(key(1)).bytes()).hasSameSizeAs(replacement.bytes());
        assertThat(cache.weightedSize()).isEqualTo(3_000);
    }

    @Test
    void anUncacheableReplacementDropsTheOldEntry() {
        ImageCache cache = newCache(10_000);
        cache.put(key(1), weighing(1_000));

        cache.put(key(1), weighing(20_000));

        assertThat(cache.get(key(1))).isNull();
        assertThat(cache.weightedSize()).isZero();
    }

    @Test
    void invalidateRemovesTheOriginalAndEveryVariantOfThatMd5() {
        ImageCache cache = newCache(100_000);
        cache.put(CacheKey.original(md5(1)), weighing(1_000));
        cache.put(CacheKey.variant(md5(1), "w=100"), weighing(2_000));
        cache.put(CacheKey.variant(md5(1), "w=200,format=png"), weighing(3_000));
        cache.put(CacheKey.original(md5(2)), weighing(4_000));
        cache.put(CacheKey.variant(md5(2), "w=100"), weighing(5_000));

        cache.invalidate(md5(1));

        assertThat(cache.get(CacheKey.original(md5(1)))).isNull();
        assertThat(cache.get(CacheKey.variant(md5(1), "w=100"))).isNull();
        assertThat(cache.get(CacheKey.variant(md5(1), "w=200,format=png"))).isNull();
        assertThat(cache.get(CacheKey.original(md5(2)))).isNotNull();
        assertThat(cache.get(CacheKey.variant(md5(2), "w=100"))).isNotNull();
        assertThat(cache.weightedSize()).isEqualTo(9_000);
        assertThat(cache.stats().evictions()).as("an invalidation is not an eviction").isZero();
    }

    @Test
    void fillingPastTheBudgetEvictsJustEnough() {
        ImageCache cache = newCache(3_000);
        for (int i = 0; i < 4; i++) {
            cache.put(key(i), weighing(1_000));
        }

        assertThat(cache.weightedSize()).isEqualTo(3_000);
        assertThat(cache.stats().evictions()).isEqualTo(1);
        assertThat(visibleWeight(cache, 4)).isEqualTo(3_000);
    }

    @Test
    void statsCountHitsMissesAndEvictions() {
        ImageCache cache = newCache(2_000);
        cache.put(key(1), weighing(1_000));

        cache.get(key(1));
        cache.get(key(2));
        cache.get(key(3));
        cache.put(key(2), weighing(1_000));
        cache.put(key(3), weighing(1_000));

        assertThat(cache.stats()).isEqualTo(new CacheStats(1, 2, 1));
    }

    @Test
    void concurrentPutsAndGetsKeepTheAccountingExact() throws Exception {
        long budget = 200_000;
        int keys = 300;
        ImageCache cache = newCache(budget);
        int threads = 4;
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                Random random = new Random(t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        CacheKey key = key(random.nextInt(keys));
                        if (random.nextBoolean()) {
                            cache.put(key, weighing(ImageCache.ENTRY_OVERHEAD + random.nextInt(20_000)));
                        } else if (random.nextInt(100) == 0) {
                            cache.invalidate(key.md5());
                        } else {
                            cache.get(key);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertThat(cache.weightedSize()).isLessThanOrEqualTo(budget)
                .isEqualTo(visibleWeight(cache, keys));
        assertThat(cache.stats().evictions()).isPositive();
    }
}
