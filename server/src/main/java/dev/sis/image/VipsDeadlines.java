package dev.sis.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * How a libvips call stops once its deadline has passed, through libvips' own mechanisms (its
 * native code cannot be interrupted from outside):
 *
 * <ul>
 *   <li>The decoder reads the file through a {@code VipsSourceCustom} whose {@code read} signal
 *       sis answers from the bytes it holds, 4 KiB at a time; past the deadline the source ends
 *       there. A JPEG decoder then finishes as at a truncated file, any other fails: the loop
 *       over a progressive JPEG's scans, or the inflating of a PNG's text chunks, stops at its
 *       next read.
 *   <li>The image being computed signals its progress ({@code vips_image_set_progress}); on each
 *       {@code eval} signal, between tiles, sis calls {@code vips_image_set_kill} once the deadline
 *       has passed, and the computation fails at the next tile.
 * </ul>
 *
 * <p>Both signals call back into Java (FFM upcalls): {@code read} from libvips' worker threads,
 * which the JVM then lists as threads with no Java frame (libvips keeps them idle up to 15 s),
 * {@code eval} from the calling thread. The callbacks find their call's {@link Input} by the id
 * they are given as user data, never by a pointer into the Java heap, and never throw (an
 * exception in an upcall would end the JVM). Thread-safe.
 */
final class VipsDeadlines {
    private final MethodHandle sourceCustomNew;
    private final MethodHandle signalConnect;
    private final MethodHandle setProgress;
    private final MethodHandle setKill;
    private final MemorySegment onRead;
    private final MemorySegment onEval;
    private final ConcurrentHashMap<Long, Input> inputs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    VipsDeadlines(SymbolLookup lib, Linker linker) throws ReflectiveOperationException {
        // VipsSourceCustom *vips_source_custom_new(void)
        this.sourceCustomNew = linker.downcallHandle(LibVips.find(lib, "vips_source_custom_new"),
                FunctionDescriptor.of(ADDRESS));
        // gulong g_signal_connect_data(gpointer, const gchar *, GCallback, gpointer, GClosureNotify, GConnectFlags)
        this.signalConnect = linker.downcallHandle(LibVips.find(lib, "g_signal_connect_data"),
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
        // void vips_image_set_progress(VipsImage *, gboolean); void vips_image_set_kill(VipsImage *, gboolean)
        this.setProgress = linker.downcallHandle(LibVips.find(lib, "vips_image_set_progress"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        this.setKill = linker.downcallHandle(LibVips.find(lib, "vips_image_set_kill"),
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        // gint64 read(VipsSourceCustom *, void *buffer, gint64 length, gpointer user_data)
        MethodHandle read = lookup.findVirtual(VipsDeadlines.class, "onRead", MethodType.methodType(long.class,
                MemorySegment.class, MemorySegment.class, long.class, MemorySegment.class)).bindTo(this);
        this.onRead = linker.upcallStub(read, FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS),
                Arena.global());
        // void eval(VipsImage *, VipsProgress *, gpointer user_data)
        MethodHandle eval = lookup.findVirtual(VipsDeadlines.class, "onEval", MethodType.methodType(void.class,
                MemorySegment.class, MemorySegment.class, MemorySegment.class)).bindTo(this);
        this.onEval = linker.upcallStub(eval, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS), Arena.global());
    }

    /** One call's input bytes and deadline; close it once libvips is done with them. */
    final class Input implements AutoCloseable {
        private final long id = ids.incrementAndGet();
        private final byte[] data;
        private final Deadline deadline;
        private int position;

        private Input(byte[] data, Deadline deadline) {
            this.data = data;
            this.deadline = deadline;
        }

        /** The next bytes into {@code buffer}: how many, 0 at the end of the data or past the deadline. */
        private synchronized long read(MemorySegment buffer, long length) {
            if (deadline.passed()) {
                return 0;
            }
            int n = (int) Math.min(length, data.length - position);
            MemorySegment.copy(data, position, buffer.reinterpret(n), JAVA_BYTE, 0, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            inputs.remove(id);
        }
    }

    /** Registers {@code data} as a call's input, read until {@code deadline}. */
    Input open(byte[] data, Deadline deadline) {
        Input input = new Input(data, deadline);
        inputs.put(input.id, input);
        return input;
    }

    /** A new {@code VipsSource} reading {@code input}; the caller releases it ({@code g_object_unref}). */
    MemorySegment newSource(Arena arena, Input input) throws Throwable {
        MemorySegment source = (MemorySegment) sourceCustomNew.invokeExact();
        if (source.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("vips_source_custom_new failed");
        }
        long handler = (long) signalConnect.invokeExact(source, arena.allocateFrom("read"), onRead,
                MemorySegment.ofAddress(input.id), MemorySegment.NULL, 0);
        return source;
    }

    /** Makes the computation of {@code image} (the image about to be saved) stop at a tile once the deadline has passed. */
    void stopWhenPassed(Arena arena, MemorySegment image, Input input) throws Throwable {
        setProgress.invokeExact(image, 1);
        long handler = (long) signalConnect.invokeExact(image, arena.allocateFrom("eval"), onEval,
                MemorySegment.ofAddress(input.id), MemorySegment.NULL, 0);
    }

    private long onRead(MemorySegment source, MemorySegment buffer, long length, MemorySegment userData) {
        try {
            Input input = inputs.get(userData.address());
            return input == null ? -1 : input.read(buffer, length);
        } catch (Throwable e) {
            return -1; // libvips reports a read error
        }
    }

    private void onEval(MemorySegment image, MemorySegment progress, MemorySegment userData) {
        try {
            Input input = inputs.get(userData.address());
            if (input == null || input.deadline.passed()) {
                setKill.invokeExact(image, 1);
            }
        } catch (Throwable e) {
            // Nothing can be done from here; the deadline is checked again when the call returns.
        }
    }
}
