package dev.sis.bench;

import dev.sis.cache.CacheKey;
import dev.sis.cache.FifoImageCache;
import dev.sis.cache.ImageCache;
import dev.sis.cache.TinyLfuImageCache;
import dev.sis.image.EncodedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Hit ratio and byte hit ratio of {@link FifoImageCache} and {@link TinyLfuImageCache} on a
 * Zipf-distributed request trace, printed as a markdown table. Not a test: it measures a policy,
 * it checks nothing.
 *
 * <p>Run from the repository root (about 15 s on 2 cores):
 * <pre>{@code
 * ./mvnw -B -q -Pbench test-compile exec:java
 * }</pre>
 *
 * <p>The trace: {@value #OBJECTS} distinct images with log-normal sizes (median 96 KB, 10% under
 * 30 KB, 10% over 300 KB); requests follow Zipf(s) over them. The server's read path is replayed:
 * {@code get}, and on a miss {@code put}. The first {@value #WARM_UP} requests fill the cache and
 * are not counted. The scan case mixes, into the counted part, a crawler that reads
 * {@value #SCAN_OBJECTS} cold images once each (every fifth request); its rows count only the Zipf
 * requests, to show what the scan costs the popular traffic. Every seed is fixed.
 */
public final class CacheHitRatioBenchmark {
    static final int OBJECTS = 10_000;
    static final int WARM_UP = 200_000;
    static final int COUNTED = 800_000;
    static final int SCAN_OBJECTS = 200_000;
    static final double[] SKEWS = {0.7, 0.9, 1.1};
    static final double[] BUDGET_SHARES = {0.05, 0.10, 0.25};
    static final double SCAN_SKEW = 0.9;

    /** One request: which object, and whether it belongs to the Zipf traffic (counted) or the scan. */
    record Trace(int[] objects, boolean[] counted) {
    }

    record Result(double hitRatio, double byteHitRatio) {
    }

    private final EncodedImage[] images;
    private final long catalogueWeight;

    CacheHitRatioBenchmark() {
        Random random = new Random(1);
        // Images of one (rounded) size share one array: the cache only looks at its length, and
        // 210,000 private arrays of ~140 KB would not fit in memory.
        Map<Integer, byte[]> arrays = new HashMap<>();
        images = new EncodedImage[OBJECTS + SCAN_OBJECTS];
        for (int i = 0; i < images.length; i++) {
            int size = imageSize(random);
            images[i] = new EncodedImage(arrays.computeIfAbsent(size, byte[]::new), null);
        }
        long weight = 0;
        for (int i = 0; i < OBJECTS; i++) {
            weight += ImageCache.weight(images[i]);
        }
        catalogueWeight = weight;
    }

    /** Log-normal around 96 KB, clamped to 2 KB … 8 MB, rounded to 1% steps so arrays can be shared. */
    static int imageSize(Random random) {
        double bytes = Math.exp(Math.log(96 * 1024) + 0.9 * random.nextGaussian());
        double clamped = Math.clamp(bytes, 2 * 1024, 8 * 1024 * 1024);
        return (int) Math.round(Math.pow(1.01, Math.round(Math.log(clamped) / Math.log(1.01))));
    }

    /** Zipf over object ids 0 … OBJECTS-1 (id 0 the most popular), with an optional scan. */
    static Trace trace(double skew, boolean withScan, long seed) {
        double[] cdf = new double[OBJECTS];
        double sum = 0;
        for (int rank = 0; rank < OBJECTS; rank++) {
            sum += 1 / Math.pow(rank + 1, skew);
            cdf[rank] = sum;
        }
        Random random = new Random(seed);
        int length = WARM_UP + COUNTED;
        int[] objects = new int[length];
        boolean[] counted = new boolean[length];
        int nextScanned = OBJECTS;
        for (int i = 0; i < length; i++) {
            boolean scan = withScan && i >= WARM_UP && (i - WARM_UP) % 5 == 4 && nextScanned < OBJECTS + SCAN_OBJECTS;
            if (scan) {
                objects[i] = nextScanned++;
            } else {
                int found = Arrays.binarySearch(cdf, random.nextDouble() * sum);
                objects[i] = found >= 0 ? found : -found - 1;
                counted[i] = i >= WARM_UP;
            }
        }
        return new Trace(objects, counted);
    }

    Result replay(Trace trace, ImageCache cache) {
        long hits = 0;
        long requests = 0;
        long hitBytes = 0;
        long requestedBytes = 0;
        for (int i = 0; i < trace.objects().length; i++) {
            int object = trace.objects()[i];
            CacheKey key = CacheKey.original(Integer.toString(object));
            boolean hit = cache.get(key) != null;
            if (!hit) {
                cache.put(key, images[object]);
            }
            if (trace.counted()[i]) {
                long size = images[object].bytes().length;
                requests++;
                requestedBytes += size;
                if (hit) {
                    hits++;
                    hitBytes += size;
                }
            }
        }
        return new Result((double) hits / requests, (double) hitBytes / requestedBytes);
    }

    String row(String traffic, Trace trace, double share) {
        long budget = Math.round(catalogueWeight * share);
        Result fifo = replay(trace, new FifoImageCache(budget));
        Result tinyLfu = replay(trace, new TinyLfuImageCache(budget));
        return "| %s | %.0f%% (%d MB) | %.1f%% | %.1f%% | %.1f%% | %.1f%% |".formatted(traffic, share * 100,
                budget >> 20, fifo.hitRatio() * 100, tinyLfu.hitRatio() * 100,
                fifo.byteHitRatio() * 100, tinyLfu.byteHitRatio() * 100);
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        var bench = new CacheHitRatioBenchmark();
        System.out.printf("%d images, %d MB in all; %d requests counted after %d of warm-up%n%n",
                OBJECTS, bench.catalogueWeight >> 20, COUNTED, WARM_UP);
        System.out.println("| traffic | budget (share of bytes) | FIFO hit ratio | TinyLFU hit ratio "
                + "| FIFO byte hit ratio | TinyLFU byte hit ratio |");
        System.out.println("|---|---|---|---|---|---|");
        for (double skew : SKEWS) {
            Trace trace = trace(skew, false, 42);
            for (double share : BUDGET_SHARES) {
                System.out.println(bench.row("Zipf s=" + skew, trace, share));
            }
        }
        Trace scan = trace(SCAN_SKEW, true, 42);
        for (double share : BUDGET_SHARES) {
            System.out.println(bench.row("Zipf s=" + SCAN_SKEW + " + scan", scan, share));
        }
        System.out.printf("%nTook %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
