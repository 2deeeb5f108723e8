package dev.sis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.image.EncodedImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache's entries in native memory, for both policies: counted to the byte, freed when they
 * leave the cache unless a reader still holds them, and then freed by the last reader.
 */
class OffHeapEntriesTest {

    static ImageCache cache(String policy, long budget) {
        LongFunction<ImageCache> make = policy.equals("fifo") ? FifoImageCache::new : TinyLfuImageCache::new;
        return make.apply(budget);
    }

    /** An image of {@code size} bytes, each the low byte of {@code id}: a reader can tell whose bytes it reads. */
    static EncodedImage filled(int id, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) id);
        return new EncodedImage(bytes, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "tinylfu"})
    void entriesAreDirectMemoryCountedToTheByte(String policy) {
        ImageCache cache = cache(policy, 1 << 20);
        cache.put(ImageCacheContract.key(1), filled(1, 1_000));
        cache.put(ImageCacheContract.key(2), filled(2, 3_333));

        OffHeapImage held = cache.acquire(ImageCacheContract.key(2));
        try {
            ByteBuffer buffer = held.buffer();
            assertThat(buffer.isDirect()).isTrue();
            assertThat(buffer.remaining()).isEqualTo(3_333);
            assertThat(buffer.get(3_332)).isEqualTo((byte) 2);
        } finally {
            held.release();
        }
        assertThat(cache.offHeapBytes()).isEqualTo(4_333);
        assertThat(cache.weightedSize()).isEqualTo(4_333 + 2L * ImageCache.ENTRY_OVERHEAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "tinylfu"})
    void anEntryLeavingTheCacheStaysUntilItsLastReaderIsDone(String policy) {
        ImageCache cache = cache(policy, 1 << 20);
        cache.put(ImageCacheContract.key(1), filled(1, 5_000));
        OffHeapImage reader = cache.acquire(ImageCacheContract.key(1));

        cache.invalidate(ImageCacheContract.md5(1));

        assertThat(cache.acquire(ImageCacheContract.key(1))).isNull();
        assertThat(cache.weightedSize()).isZero();
        assertThat(reader.freed()).isFalse();
        assertThat(cache.offHeapBytes()).as("still being written by its reader").isEqualTo(5_000);
        assertThat(reader.buffer().get(4_999)).isEqualTo((byte) 1);

        reader.release();

        assertThat(reader.freed()).isTrue();
        assertThat(reader.retain()).as("a freed entry cannot be held again").isFalse();
        assertThat(cache.offHeapBytes()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "tinylfu"})
    void evictedReplacedAndRefusedEntriesAreFreed(String policy) {
        ImageCache cache = cache(policy, 10_000);
        for (int i = 0; i < 50; i++) {
            cache.put(ImageCacheContract.key(i % 7), filled(i, 1_000 + i * 37));
        }
        cache.put(ImageCacheContract.key(99), filled(99, 20_000)); // heavier than the budget

        assertThat(cache.stats().evictions()).isPositive();
        assertThat(cache.offHeapBytes()).isEqualTo(cache.weightedSize() - entries(cache, 100) * ImageCache.ENTRY_OVERHEAD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "tinylfu"})
    void clearingFreesEveryEntryOnceItsReadersAreDone(String policy) {
        ImageCache cache = cache(policy, 1 << 20);
        for (int i = 0; i < 5; i++) {
            cache.put(ImageCacheContract.key(i), filled(i, 1_000));
        }
        OffHeapImage reader = cache.acquire(ImageCacheContract.key(3));

        cache.clear();

        assertThat(cache.weightedSize()).isZero();
        assertThat(cache.contains(ImageCacheContract.key(0))).isFalse();
        assertThat(cache.offHeapBytes()).as("only the entry still being read").isEqualTo(1_000);
        reader.release();
        assertThat(cache.offHeapBytes()).isZero();
    }

    /**
     * Readers hold entries and read every byte while writers evict, replace and invalidate them.
     * An entry freed under a reader would show bytes that are not its own
     * (its block reused by another entry) or crash the JVM; an entry never freed would stay in {@link ImageCache#offHeapBytes}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fifo", "tinylfu"})
    void concurrentReadersAndEvictionsNeverReadFreedMemoryNorLeakIt(String policy) throws Exception {
        int keys = 64;
        ImageCache cache = cache(policy, 200_000);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<Long>> readers = new ArrayList<>();
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int r = 0; r < 4; r++) {
                Random random = new Random(r);
                readers.add(pool.submit(() -> {
                    long reads = 0;
                    while (writing.get()) {
                        int id = random.nextInt(keys);
                        OffHeapImage held = cache.acquire(ImageCacheContract.key(id));
                        if (held == null) {
                            continue;
                        }
                        try {
                            ByteBuffer buffer = held.buffer();
                            while (buffer.hasRemaining()) {
                                if (buffer.get() != (byte) id) {
                                    throw new AssertionError("entry " + id + " read another's bytes");
                                }
                            }
                            reads++;
                        } finally {
                            held.release();
                        }
                    }
                    return reads;
                }));
            }
            for (int w = 0; w < 2; w++) {
                Random random = new Random(100 + w);
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        int id = random.nextInt(keys);
                        if (random.nextInt(50) == 0) {
                            cache.invalidate(ImageCacheContract.md5(id));
                        } else {
                            cache.put(ImageCacheContract.key(id), filled(id, 1 + random.nextInt(12_000)));
                        }
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            long reads = 0;
            for (Future<Long> reader : readers) {
                reads += reader.get();
            }
            assertThat(reads).isPositive();
        }

        assertThat(cache.stats().evictions()).isPositive();
        assertThat(cache.offHeapBytes()).as("every entry that left was freed")
                .isEqualTo(cache.weightedSize() - entries(cache, keys) * ImageCache.ENTRY_OVERHEAD);
    }

    private static long entries(ImageCache cache, int keys) {
        long count = 0;
        for (int i = 0; i < keys; i++) {
            count += cache.contains(ImageCacheContract.key(i)) ? 1 : 0;
        }
        return count;
    }
}
