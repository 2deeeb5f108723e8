package dev.sis.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Where libvips' attention measure (edges, skin tones and saturation, as {@code gravity=smart}
 * crops on this engine) puts the subject of a small picture: {@code vips_smartcrop} with
 * {@code interesting=attention} reports the point it centres its crop on as the outputs
 * {@code attention_x} and {@code attention_y} (libvips 8.13 and later). The crop it makes is
 * thrown away. Thread-safe; memory as in {@link LibVips} (each image released once used).
 */
final class VipsAttention {
    /** libvips' {@code VipsInteresting} for its attention measure. */
    private static final int INTERESTING_ATTENTION = 3;
    private static final int INTERPRETATION_SRGB = 22;
    private static final int FORMAT_UCHAR = 0;

    private final LibVips vips;
    private final MethodHandle newFromMemoryCopy;
    private final MethodHandle copyAs;
    private final MethodHandle smartcrop;

    private VipsAttention(LibVips vips, SymbolLookup lib, Linker linker) {
        this.vips = vips;
        // VipsImage *vips_image_new_from_memory_copy(data, size, width, height, bands, VipsBandFormat)
        this.newFromMemoryCopy = linker.downcallHandle(LibVips.find(lib, "vips_image_new_from_memory_copy"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        // vips_copy(in, out, "interpretation", VipsInterpretation, NULL): pixels from memory are
        // "multiband" until told they are sRGB, and attention converts sRGB to Lab
        this.copyAs = linker.downcallHandle(LibVips.find(lib, "vips_copy"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(2));
        // vips_smartcrop(in, out, width, height, "interesting", int, "attention_x", int *, "attention_y", int *, NULL)
        this.smartcrop = linker.downcallHandle(LibVips.find(lib, "vips_smartcrop"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
                        ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(4));
    }

    /** The measure from the library {@code name} that {@code vips} was loaded from (and initialised). */
    static VipsAttention of(LibVips vips, String name) {
        return new VipsAttention(vips, SymbolLookup.libraryLookup(name, Arena.global()), Linker.nativeLinker());
    }

    /**
     * The centre of attention of {@code argb} ({@code width × height}, row by row; transparent
     * pixels seen over white), as a point from 0 to 1 on each axis, for a crop window a third of
     * each side (its size sets how far libvips blurs the measure before taking its peak).
     *
     * @throws LibVips.VipsException when libvips fails
     */
    Gravity focus(int[] argb, int width, int height) throws LibVips.VipsException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pixels = arena.allocateFrom(JAVA_BYTE, overWhite(argb));
            MemorySegment raw = (MemorySegment) newFromMemoryCopy.invokeExact(pixels, pixels.byteSize(),
                    width, height, 3, FORMAT_UCHAR);
            if (raw.equals(MemorySegment.NULL)) {
                throw vips.failure("reading pixels for the attention measure");
            }
            MemorySegment x = arena.allocate(JAVA_INT);
            MemorySegment y = arena.allocate(JAVA_INT);
            try (VipsImageRef image = new VipsImageRef(vips, vips.received(raw))) {
                image.replace(arena, "marking pixels as sRGB", (in, out) -> (int) copyAs.invokeExact(in, out,
                        arena.allocateFrom("interpretation"), INTERPRETATION_SRGB, MemorySegment.NULL));
                int windowWidth = Math.max(1, width / 3);
                int windowHeight = Math.max(1, height / 3);
                image.replace(arena, "measuring attention", (in, out) -> (int) smartcrop.invokeExact(in, out,
                        windowWidth, windowHeight, arena.allocateFrom("interesting"), INTERESTING_ATTENTION,
                        arena.allocateFrom("attention_x"), x, arena.allocateFrom("attention_y"), y, MemorySegment.NULL));
            }
            // a pixel's centre; libvips finds the peak on a 32-pixel copy, so this is good to 1/32
            return Gravity.point(Math.min(1, (x.get(JAVA_INT, 0) + 0.5) / width),
                    Math.min(1, (y.get(JAVA_INT, 0) + 0.5) / height));
        } catch (LibVips.VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libvips failed", e);
        }
    }

    /** RGB bytes of {@code argb}, each pixel laid over white by its alpha (what it looks like on a page). */
    private static byte[] overWhite(int[] argb) {
        byte[] rgb = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            for (int c = 0; c < 3; c++) {
                int v = (p >> (16 - 8 * c)) & 0xFF;
                rgb[i * 3 + c] = (byte) ((v * a + 255 * (255 - a) + 127) / 255);
            }
        }
        return rgb;
    }
}
