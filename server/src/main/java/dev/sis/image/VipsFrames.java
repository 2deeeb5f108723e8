package dev.sis.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * An animation's steps, frame by frame. libvips loads every frame of an animation as one tall
 * strip, the frames one above the other ({@code page-height} apart); a crop, a turn, a pad or a
 * blur of the strip would cut across the frames. So the strip is split into its frames, each
 * frame goes through the still image's steps ({@link LibVips#stepped}), and the frames are joined
 * again one above the other, with the new {@code page-height}; the delays and the loop count are
 * the strip's metadata and go with the first frame to the joined image, and so to the saver.
 *
 * <p>{@code gravity=smart} places one window for the whole animation: where libvips' attention
 * measure puts it on the first frame. A window that moved from frame to frame would make the
 * picture jump, and the first frame is the one shown where animations are off.
 *
 * <p>Memory as in {@link LibVips}: the strip is borrowed, never released here; the image returned
 * is the caller's. Thread-safe.
 */
final class VipsFrames {
    /** libvips' {@code VipsInteresting} for its attention measure (edges, skin tones, saturation). */
    private static final int INTERESTING_ATTENTION = 3;

    private final LibVips vips;
    private final VipsOps ops;
    private final MethodHandle pageHeight;
    private final MethodHandle extractArea;
    private final MethodHandle imageRemove;
    private final MethodHandle arrayjoin;
    private final MethodHandle setInt;
    private final MethodHandle attention;
    private final MethodHandle gObjectRef;

    VipsFrames(SymbolLookup lib, Linker linker, LibVips vips, VipsOps ops) {
        this.vips = vips;
        this.ops = ops;
        // int vips_image_get_page_height(VipsImage *image): the image's height when it has no frames
        this.pageHeight = linker.downcallHandle(LibVips.find(lib, "vips_image_get_page_height"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        // int vips_extract_area(in, out, left, top, width, height, NULL)
        this.extractArea = linker.downcallHandle(LibVips.find(lib, "vips_extract_area"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(6));
        // gboolean vips_image_remove(VipsImage *image, const char *name)
        this.imageRemove = linker.downcallHandle(LibVips.find(lib, "vips_image_remove"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        // int vips_arrayjoin(VipsImage **in, VipsImage **out, int n, "across", int, NULL)
        this.arrayjoin = linker.downcallHandle(LibVips.find(lib, "vips_arrayjoin"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // void vips_image_set_int(VipsImage *image, const char *name, int i)
        this.setInt = linker.downcallHandle(LibVips.find(lib, "vips_image_set_int"),
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT));
        // int vips_smartcrop(in, out, width, height, "interesting", int, "attention_x", int *,
        //                    "attention_y", int *, NULL): the centre of attention, as well as the crop
        this.attention = linker.downcallHandle(LibVips.find(lib, "vips_smartcrop"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT,
                        ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(4));
        // gpointer g_object_ref(gpointer object)
        this.gObjectRef = linker.downcallHandle(LibVips.find(lib, "g_object_ref"), FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    /**
     * The animation {@code strip} with {@code steps} and {@code overlay} applied to each of its
     * frames, joined again. An animation that is only scaled (the loader did that, frame by
     * frame) is converted to sRGB whole, as it always was.
     */
    MemorySegment eachFrame(Arena arena, MemorySegment strip, VipsSteps steps, LibVips.Overlay overlay) throws Throwable {
        int width = ops.width(strip);
        int frameHeight = (int) pageHeight.invokeExact(strip);
        int count = Math.max(1, ops.height(strip) / frameHeight);
        if (onlyScaled(steps, overlay, width, frameHeight)) {
            MemorySegment mine = held(strip);
            try {
                return vips.srgb(arena, mine);
            } catch (Throwable e) {
                vips.unref(mine); // srgb leaves the image to its caller when it fails
                throw e;
            }
        }
        // The loader reads once, in order: each frame's steps read their frame in turn (a turn,
        // a mirror or a region decode their frame into memory first, as for a still), so the
        // strip streams. Only smart reads the first frame twice (its window, then its steps):
        // then the strip is decoded into memory first, held to the animation budget before.
        MemorySegment whole = held(strip);
        if (steps.smart()) {
            try {
                whole = ops.inMemory(arena, whole, vips::replace);
            } catch (Throwable e) {
                vips.unref(whole);
                throw e;
            }
        }
        MemorySegment frames = arena.allocate(ADDRESS, count);
        for (int i = 0; i < count; i++) {
            frames.setAtIndex(ADDRESS, i, MemorySegment.NULL);
        }
        try {
            VipsSteps each = steps.smart() ? placedByAttention(arena, whole, width, frameHeight, steps) : steps;
            for (int i = 0; i < count; i++) {
                frames.setAtIndex(ADDRESS, i, vips.stepped(arena, frame(arena, whole, i, width, frameHeight), each, overlay));
            }
            MemorySegment joined = made(arena, "joining the frames", out -> (int) arrayjoin.invokeExact(frames, out, count,
                    arena.allocateFrom("across"), 1, MemorySegment.NULL));
            // the joined image is new and not yet shared: its metadata is ours to set
            setInt.invokeExact(joined, arena.allocateFrom("page-height"), ops.height(joined) / count);
            return joined;
        } finally {
            vips.unref(whole);
            for (int i = 0; i < count; i++) {
                vips.unref(frames.getAtIndex(ADDRESS, i));
            }
        }
    }

    /** Whether the loader's scaling is all there is to do: no region, turn, mirror, window, pad, effect or mark. */
    private static boolean onlyScaled(VipsSteps steps, LibVips.Overlay overlay, int width, int frameHeight) {
        return steps.region() == null && steps.rotate() == 0 && steps.flip() == Transform.Flip.NONE
                && steps.resizeWidth() == 0 && steps.blur() == 0 && steps.sharpen() == 0 && overlay == null
                && steps.width() == width && steps.height() == frameHeight;
    }

    /**
     * Frame {@code index} of the strip alone: a new image without {@code page-height}, so that no
     * later step (a resize, once turned) takes it for frames of its own.
     */
    private MemorySegment frame(Arena arena, MemorySegment strip, int index, int width, int frameHeight) throws Throwable {
        MemorySegment frame = made(arena, "cutting a frame", out -> (int) extractArea.invokeExact(strip, out,
                0, index * frameHeight, width, frameHeight, MemorySegment.NULL));
        int removedOrAbsent = (int) imageRemove.invokeExact(frame, arena.allocateFrom("page-height"));
        return frame;
    }

    /**
     * {@code steps} with smart's window fixed where libvips' attention measure centres it on the
     * first frame (after the first frame's region, turn, mirror and resize), kept inside the frame.
     */
    private VipsSteps placedByAttention(Arena arena, MemorySegment strip, int width, int frameHeight, VipsSteps steps)
            throws Throwable {
        MemorySegment first = ops.beforeResize(arena, frame(arena, strip, 0, width, frameHeight), steps, vips::replace);
        try {
            int scaledWidth = ops.width(first);
            int scaledHeight = ops.height(first);
            int cropWidth = Math.min(steps.width(), scaledWidth);
            int cropHeight = Math.min(steps.height(), scaledHeight);
            MemorySegment x = arena.allocate(JAVA_INT);
            MemorySegment y = arena.allocate(JAVA_INT);
            MemorySegment in = first;
            MemorySegment cropped = made(arena, "measuring attention", out -> (int) attention.invokeExact(in, out,
                    cropWidth, cropHeight, arena.allocateFrom("interesting"), INTERESTING_ATTENTION,
                    arena.allocateFrom("attention_x"), x, arena.allocateFrom("attention_y"), y, MemorySegment.NULL));
            vips.unref(cropped);
            int left = Math.clamp(x.get(JAVA_INT, 0) - cropWidth / 2, 0, scaledWidth - cropWidth);
            int top = Math.clamp(y.get(JAVA_INT, 0) - cropHeight / 2, 0, scaledHeight - cropHeight);
            return steps.placedAt(left, top);
        } finally {
            vips.unref(first);
        }
    }

    private MemorySegment held(MemorySegment image) throws Throwable {
        return vips.received((MemorySegment) gObjectRef.invokeExact(image));
    }

    /** The image {@code operation} makes; nothing is released. */
    private MemorySegment made(Arena arena, String action, LibVips.Operation operation) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        out.set(ADDRESS, 0, MemorySegment.NULL);
        if (operation.apply(out) != 0) {
            throw vips.failure(action);
        }
        return vips.received(out.get(ADDRESS, 0));
    }
}
