package dev.sis.image;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The one reference sis holds to the image a chain of libvips steps is working on; the ownership
 * rule of the vips engine in one place. {@link #replace} runs a step on the current image: on
 * success the image the step made becomes current and the old one is released, on failure the
 * current image stays. Whoever made the holder closes it once, in a try-with-resources, which
 * releases whatever is current then. So each image is released exactly once on every path, a
 * failure in the middle of a chain included; no caller keeps a pointer that a step released.
 *
 * <p>Not thread-safe: a holder belongs to the one call that made it.
 */
final class VipsImageRef implements AutoCloseable {
    /** A libvips operation reading {@code in} and writing the image it makes to {@code out}; 0 on success. */
    interface Step {
        int apply(MemorySegment in, MemorySegment out) throws Throwable;
    }

    private final LibVips vips;
    private MemorySegment image;

    /** Holds {@code image}, a reference the caller hands over (already counted by {@link LibVips#received}). */
    VipsImageRef(LibVips vips, MemorySegment image) {
        this.vips = vips;
        this.image = image;
    }

    /** The current image, borrowed: valid until the next {@link #replace} or {@link #close}. */
    MemorySegment get() {
        return image;
    }

    /** Runs {@code step} on the current image and, when it succeeds, makes its result current. */
    void replace(Arena arena, String action, Step step) throws Throwable {
        MemorySegment in = image;
        MemorySegment made = vips.made(arena, action, out -> step.apply(in, out));
        image = made;
        vips.unref(in);
    }

    /** A new holder of what {@code step} makes from the current image, which stays current here. */
    VipsImageRef derive(Arena arena, String action, Step step) throws Throwable {
        MemorySegment in = image;
        return new VipsImageRef(vips, vips.made(arena, action, out -> step.apply(in, out)));
    }

    /** Hands the current image to the caller, who releases it from now on; this holder is left empty. */
    MemorySegment take() {
        MemorySegment taken = image;
        image = MemorySegment.NULL;
        return taken;
    }

    @Override
    public void close() {
        MemorySegment last = take();
        try {
            vips.unref(last);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // g_object_unref declares nothing; only the method handle's signature says Throwable
            throw new IllegalStateException("releasing a libvips image failed", e);
        }
    }
}
