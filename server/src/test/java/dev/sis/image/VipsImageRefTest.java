package dev.sis.image;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

/**
 * The vips engine's ownership rule on real libvips images: a step that fails in the middle of a
 * chain leaves the holder on the image it had, which is released once, when the holder closes.
 * The live-image count must come back to where it started (a second release would take it below,
 * a leak would leave it above), and GLib's own reference count shows the image still alive.
 */
@Requires(Prerequisite.LIBVIPS)
class VipsImageRefTest {
    private static final LibVips VIPS = LibVips.load(new StringBuilder()).orElse(null);
    /** {@code GObject.ref_count}: after the {@code GTypeInstance} (one pointer) on x86-64 and arm64. */
    private static final long REF_COUNT_OFFSET = ADDRESS.byteSize();

    /** A step as libvips' operations are: a new reference to {@code in} (GLib's own g_object_ref). */
    private static final VipsImageRef.Step SAME_PIXELS = (in, out) -> {
        out.set(ADDRESS, 0, (MemorySegment) gObjectRef().invokeExact(in));
        return 0;
    };
    /** A step that fails as a libvips operation does: non-zero, nothing made. */
    private static final VipsImageRef.Step FAILING = (in, out) -> -1;

    @Test
    void aStepThatFailsAfterOthersKeepsTheCurrentImageAndItIsReleasedOnce() throws Throwable {
        long start = VIPS.liveImages();
        try (Arena arena = Arena.ofConfined()) {
            try (VipsImageRef image = VIPS.rgba(arena, new byte[4 * 4 * 3], 4, 3)) {
                image.replace(arena, "first", SAME_PIXELS);
                image.replace(arena, "second", SAME_PIXELS);
                MemorySegment current = image.get();

                assertThatThrownBy(() -> image.replace(arena, "third", FAILING))
                        .isInstanceOf(LibVips.VipsException.class).hasMessageContaining("third");

                assertThat(image.get()).isEqualTo(current);
                assertThat(refCount(current)).as("GLib's count of the image still held").isEqualTo(1);
                assertThat(VIPS.liveImages() - start).isEqualTo(1);
            }
        }
        assertThat(VIPS.liveImages()).isEqualTo(start);
    }

    @Test
    void aDerivedImageHasItsOwnHolderAndAFailedDeriveMakesNothing() throws Throwable {
        long start = VIPS.liveImages();
        try (Arena arena = Arena.ofConfined();
             VipsImageRef image = VIPS.rgba(arena, new byte[4 * 2 * 2], 2, 2)) {
            try (VipsImageRef derived = image.derive(arena, "deriving", SAME_PIXELS)) {
                assertThat(refCount(image.get())).isEqualTo(2);
                assertThat(VIPS.liveImages() - start).isEqualTo(2);
            }
            assertThatThrownBy(() -> image.derive(arena, "deriving", FAILING)).isInstanceOf(LibVips.VipsException.class);
            assertThat(refCount(image.get())).isEqualTo(1);
        }
        assertThat(VIPS.liveImages()).isEqualTo(start);
    }

    @Test
    void aTakenImageIsTheTakersToRelease() throws Throwable {
        long start = VIPS.liveImages();
        MemorySegment taken;
        try (Arena arena = Arena.ofConfined();
             VipsImageRef image = VIPS.rgba(arena, new byte[4], 1, 1)) {
            taken = image.take();
            assertThat(image.get()).isEqualTo(MemorySegment.NULL);
        }
        assertThat(VIPS.liveImages() - start).as("closing an emptied holder releases nothing").isEqualTo(1);
        assertThat(refCount(taken)).isEqualTo(1);
        VIPS.unref(taken);
        assertThat(VIPS.liveImages()).isEqualTo(start);
    }

    private static int refCount(MemorySegment object) {
        return object.reinterpret(REF_COUNT_OFFSET + JAVA_INT.byteSize()).get(JAVA_INT, REF_COUNT_OFFSET);
    }

    private static MethodHandle gObjectRef() {
        SymbolLookup lib = SymbolLookup.libraryLookup(LibVips.LIBRARY, Arena.global());
        return Linker.nativeLinker().downcallHandle(LibVips.find(lib, "g_object_ref"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
    }
}
