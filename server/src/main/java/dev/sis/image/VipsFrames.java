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
 * <p>Memory as in {@link LibVips}: the strip's {@link VipsImageRef} is replaced by the joined
 * frames; each frame has a holder of its own until it is stepped. Thread-safe.
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
    }

    /**
     * Replaces the animation {@code strip} holds with {@code steps} and {@code overlay} applied to
     * each of its frames, joined again. An animation that is only scaled (the loader did that,
     * frame by frame) is converted to sRGB whole, as it always was.
     */
    void eachFrame(Arena arena, VipsImageRef strip, VipsSteps steps, LibVips.Overlay overlay) throws Throwable {
        int width = ops.width(strip.get());
        int frameHeight = (int) pageHeight.invokeExact(strip.get());
        int count = Math.max(1, ops.height(strip.get()) / frameHeight);
        if (onlyScaled(steps, overlay, width, frameHeight)) {
            vips.srgb(arena, strip);
            return;
        }
        // The loader reads once, in order: each frame's steps read their frame in turn (a turn,
        // a mirror or a region decode their frame into memory first, as for a still), so the
        // strip streams. Only smart reads the first frame twice (its window, then its steps):
        // then the strip is decoded into memory first, held to the animation budget before.
        if (steps.smart()) {
            ops.inMemory(arena, strip);
        }
        // each frame, once stepped, is owned by this array until the join: released in finally
        MemorySegment frames = arena.allocate(ADDRESS, count);
        for (int i = 0; i < count; i++) {
            frames.setAtIndex(ADDRESS, i, MemorySegment.NULL);
        }
        try {
            VipsSteps each = steps.smart() ? placedByAttention(arena, strip, width, frameHeight, steps) : steps;
            for (int i = 0; i < count; i++) {
                try (VipsImageRef frame = frame(arena, strip, i, width, frameHeight)) {
                    vips.stepped(arena, frame, each, overlay);
                    frames.setAtIndex(ADDRESS, i, frame.take());
                }
            }
            strip.replace(arena, "joining the frames", (unused, out) -> (int) arrayjoin.invokeExact(frames, out, count,
                    arena.allocateFrom("across"), 1, MemorySegment.NULL));
            // the joined image is new and not yet shared: its metadata is ours to set
            setInt.invokeExact(strip.get(), arena.allocateFrom("page-height"), ops.height(strip.get()) / count);
        } finally {
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
    private VipsImageRef frame(Arena arena, VipsImageRef strip, int index, int width, int frameHeight) throws Throwable {
        VipsImageRef frame = strip.derive(arena, "cutting a frame", (in, out) -> (int) extractArea.invokeExact(in, out,
                0, index * frameHeight, width, frameHeight, MemorySegment.NULL));
        int removedOrAbsent = (int) imageRemove.invokeExact(frame.get(), arena.allocateFrom("page-height"));
        return frame;
    }

    /**
     * {@code steps} with smart's window fixed where libvips' attention measure centres it on the
     * first frame (after the first frame's region, turn, mirror and resize), kept inside the frame.
     */
    private VipsSteps placedByAttention(Arena arena, VipsImageRef strip, int width, int frameHeight, VipsSteps steps)
            throws Throwable {
        try (VipsImageRef first = frame(arena, strip, 0, width, frameHeight)) {
            ops.beforeResize(arena, first, steps);
            int scaledWidth = ops.width(first.get());
            int scaledHeight = ops.height(first.get());
            int cropWidth = Math.min(steps.width(), scaledWidth);
            int cropHeight = Math.min(steps.height(), scaledHeight);
            MemorySegment x = arena.allocate(JAVA_INT);
            MemorySegment y = arena.allocate(JAVA_INT);
            // only the centre is wanted: the crop it makes is released at once
            first.derive(arena, "measuring attention", (in, out) -> (int) attention.invokeExact(in, out,
                    cropWidth, cropHeight, arena.allocateFrom("interesting"), INTERESTING_ATTENTION,
                    arena.allocateFrom("attention_x"), x, arena.allocateFrom("attention_y"), y, MemorySegment.NULL))
                    .close();
            int left = Math.clamp(x.get(JAVA_INT, 0) - cropWidth / 2, 0, scaledWidth - cropWidth);
            int top = Math.clamp(y.get(JAVA_INT, 0) - cropHeight / 2, 0, scaledHeight - cropHeight);
            return steps.placedAt(left, top);
        }
    }
}
