package dev.sis.config;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * How the Java heap is shared, and so how large a memory cache can be: the decodes running at
 * once may use their budget ({@code --decode-memory}), requests in flight need a reserve, and the
 * cache, which lives on the heap, may have what is left. A cache larger than that is not a
 * cache but a delayed {@link OutOfMemoryError}: filled by large uploads, it leaves the decodes
 * and the requests nothing.
 *
 * <p>This is the one place of that rule. The command line refuses an explicit {@code --cache}
 * over {@link #largestCache()} and shrinks the default one to it; the start-up log prints the
 * shares. (Should the cache move off the heap, the rule changes here.)
 *
 * @param heapBytes    the maximum heap ({@code -Xmx}, or the share of the machine's or the
 *                     container's memory the JVM took)
 * @param decodeBytes  the decodes' budget
 * @param reserveBytes kept for everything else: request buffers, uploads being spooled, Jetty,
 *                     metrics, the cache's own bookkeeping
 */
public record HeapShare(long heapBytes, long decodeBytes, long reserveBytes) {
    /** The smallest reserve, whatever the heap. */
    static final long MIN_RESERVE = 16L << 20;

    /** The shares of a heap of {@code heapBytes} with a decode budget of {@code decodeBytes}. */
    public static HeapShare of(long heapBytes, long decodeBytes) {
        return new HeapShare(heapBytes, decodeBytes, Math.max(MIN_RESERVE, heapBytes / 8));
    }

    /** The shares of this JVM's heap. */
    public static HeapShare ofThisJvm(long decodeBytes) {
        return of(maxHeap(), decodeBytes);
    }

    /** The largest cache budget that fits beside the decodes and the reserve; 0 when none does. */
    public long largestCache() {
        return Math.max(0, heapBytes - decodeBytes - reserveBytes);
    }

    /**
     * This JVM's maximum heap as it was set ({@code -Xmx}, or computed from
     * {@code -XX:MaxRAMPercentage}), which is what a user recognises; {@link Runtime#maxMemory()}
     * is a little less with some collectors, and the fallback.
     */
    public static long maxHeap() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hotSpot.getVMOption("MaxHeapSize").getValue());
        } catch (RuntimeException notHotSpot) {
            return Runtime.getRuntime().maxMemory();
        }
    }
}
