package dev.sis.config;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * How the Java heap is shared: the decodes running at once may use their budget
 * ({@code --decode-memory}), and requests in flight need a reserve. The memory cache is not part
 * of it: its bytes live in native memory ({@link dev.sis.cache.OffHeapImage}) and the heap holds
 * only its index, so any {@code --cache} fits any heap. The start-up log prints the shares.
 *
 * @param heapBytes    the maximum heap ({@code -Xmx}, or the share of the machine's or the
 *                     container's memory the JVM took)
 * @param decodeBytes  the decodes' budget
 * @param reserveBytes kept for everything else: request buffers, uploads being spooled, Jetty,
 *                     metrics, the cache's index
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
