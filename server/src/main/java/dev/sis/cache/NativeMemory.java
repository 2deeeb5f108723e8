package dev.sis.cache;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The C library's {@code malloc} and {@code free}, for the cache's entries.
 *
 * <p>Why not an {@link java.lang.foreign.Arena} per entry: closing a shared arena makes the JVM
 * handshake with every thread, about 0.1 ms on an idle JVM and far more with threads busy reading
 * the cache (measured: a test of 40,000 evictions under four readers took minutes); {@code free}
 * costs nanoseconds. The price is that a segment read after its {@code free} is not caught: the
 * reference count of {@link OffHeapImage} is what makes that impossible, and
 * {@code OffHeapEntriesTest} races readers against evictions to check it.
 *
 * <p>Needs native access ({@code Enable-Native-Access} in the jar's manifest, as libvips does).
 */
final class NativeMemory {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MALLOC = LINKER.downcallHandle(
            LINKER.defaultLookup().find("malloc").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("free").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));

    private NativeMemory() {
    }

    /** {@code size} bytes of native memory, not zeroed; freed only by {@link #free}. */
    static MemorySegment allocate(long size) {
        MemorySegment address;
        try {
            // malloc(0) may answer NULL: ask for a byte, and give out a slice of the size asked.
            address = (MemorySegment) MALLOC.invokeExact(Math.max(1L, size));
        } catch (Throwable unexpected) {
            throw new IllegalStateException("malloc failed", unexpected);
        }
        if (address.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("no native memory left for " + size + " bytes of cache");
        }
        return address.reinterpret(Math.max(1L, size)).asSlice(0, size);
    }

    /** Frees what {@link #allocate} gave. The segment must not be touched after. */
    static void free(MemorySegment segment) {
        try {
            FREE.invokeExact(segment);
        } catch (Throwable unexpected) {
            throw new IllegalStateException("free failed", unexpected);
        }
    }
}
