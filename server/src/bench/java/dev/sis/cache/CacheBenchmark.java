package dev.sis.cache;

import dev.sis.image.EncodedImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory cache on the hot path: a hit ({@code get} of a present key, what every cached read
 * does) and a miss followed by a {@code put} that evicts, for both policies, from 2 threads
 * (the machine's cores). 4,096 entries of 32 KiB fill the budget (128 MiB), keys are looked up
 * in a fixed pseudo-random order.
 *
 * <p>Run from the repository root (about 2 minutes):
 * <pre>{@code
 * ./mvnw -B -q -Pbench test-compile exec:exec@jmh -Djmh.args='CacheBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class CacheBenchmark {
    private static final int ENTRIES = 4096;
    private static final int ENTRY_BYTES = 32 * 1024;

    @Param({"TINYLFU", "FIFO"})
    public String policy;

    private ImageCache cache;
    private CacheKey[] keys;
    private EncodedImage image;

    @Setup(Level.Trial)
    public void fill() {
        long budget = (long) ENTRIES * (ENTRY_BYTES + ImageCache.ENTRY_OVERHEAD);
        cache = policy.equals("FIFO") ? new FifoImageCache(budget) : new TinyLfuImageCache(budget);
        image = new EncodedImage(new byte[ENTRY_BYTES], null);
        keys = new CacheKey[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            keys[i] = CacheKey.variant(String.format("%032x", i), "w300-h200-stretch-auto-q100");
            cache.put(keys[i], image);
        }
    }

    /** Per thread: where it is in the key order, and a counter for fresh keys. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
        long fresh = Thread.currentThread().threadId() << 40;

        int step() {
            next = (next * 1_103_515_245 + 12_345) & (ENTRIES - 1);
            return next;
        }
    }

    @Benchmark
    public EncodedImage hit(Cursor cursor) {
        return cache.get(keys[cursor.step()]);
    }

    @Benchmark
    public EncodedImage missThenPut(Cursor cursor) {
        CacheKey key = CacheKey.variant(Long.toHexString(cursor.fresh++), "w300-h200-stretch-auto-q100");
        EncodedImage found = cache.get(key);
        cache.put(key, image);
        return found;
    }
}
