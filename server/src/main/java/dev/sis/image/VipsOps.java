package dev.sis.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The libvips operations of a {@link Transform} ({@link VipsSteps}): extract_area, rot, flip,
 * thumbnail_image, embed, gaussblur and the arithmetic of an unsharp mask. Memory as in
 * {@link LibVips}: each image made replaces the one it was made from, which is released; a
 * failure leaves the current image to the caller to release. Thread-safe.
 */
final class VipsOps {
    /** libvips' {@code VipsSize}: exactly the given width and height. */
    private static final int SIZE_FORCE = 3;
    /** libvips' {@code VipsExtend}: fill with the {@code background} values. */
    private static final int EXTEND_BACKGROUND = 5;
    /** libvips' {@code VipsBandFormat} for 8 bits unsigned. */
    private static final int FORMAT_UCHAR = 0;
    /**
     * libvips' {@code VipsPrecision} for float arithmetic: its integer masks are coarse at a small
     * σ, where the pure-Java engine's float kernel is exact.
     */
    private static final int PRECISION_FLOAT = 1;

    private final MethodHandle extractArea;
    private final MethodHandle rot;
    private final MethodHandle flip;
    private final MethodHandle thumbnailImage;
    private final MethodHandle embed;
    private final MethodHandle arrayDoubleNew;
    private final MethodHandle areaUnref;
    private final MethodHandle bandjoinConst1;
    private final MethodHandle gaussblur;
    private final MethodHandle subtract;
    private final MethodHandle add;
    private final MethodHandle cast;
    private final MethodHandle getWidth;
    private final MethodHandle getHeight;
    private final MethodHandle getBands;
    private final MethodHandle copyMemory;

    VipsOps(SymbolLookup lib, Linker linker) {
        FunctionDescriptor oneInt = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        // int vips_extract_area(in, out, left, top, width, height, ...)
        this.extractArea = linker.downcallHandle(LibVips.find(lib, "vips_extract_area"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(6));
        // int vips_rot(in, out, VipsAngle, ...); int vips_flip(in, out, VipsDirection, ...); int vips_cast(in, out, VipsBandFormat, ...)
        this.rot = linker.downcallHandle(LibVips.find(lib, "vips_rot"), oneInt, Linker.Option.firstVariadicArg(3));
        this.flip = linker.downcallHandle(LibVips.find(lib, "vips_flip"), oneInt, Linker.Option.firstVariadicArg(3));
        this.cast = linker.downcallHandle(LibVips.find(lib, "vips_cast"), oneInt, Linker.Option.firstVariadicArg(3));
        // int vips_thumbnail_image(in, out, width, "height", int, "size", int, NULL)
        this.thumbnailImage = linker.downcallHandle(LibVips.find(lib, "vips_thumbnail_image"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // int vips_embed(in, out, x, y, width, height, "extend", int, "background", VipsArrayDouble *, NULL)
        this.embed = linker.downcallHandle(LibVips.find(lib, "vips_embed"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                        ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(6));
        // VipsArrayDouble *vips_array_double_new(const double *array, int n), released with vips_area_unref
        this.arrayDoubleNew = linker.downcallHandle(LibVips.find(lib, "vips_array_double_new"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        this.areaUnref = linker.downcallHandle(LibVips.find(lib, "vips_area_unref"), FunctionDescriptor.ofVoid(ADDRESS));
        // int vips_bandjoin_const1(in, out, double c, ...)
        this.bandjoinConst1 = linker.downcallHandle(LibVips.find(lib, "vips_bandjoin_const1"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_DOUBLE, ADDRESS), Linker.Option.firstVariadicArg(3));
        // int vips_gaussblur(in, out, double sigma, "min_ampl", double, "precision", VipsPrecision, NULL)
        this.gaussblur = linker.downcallHandle(LibVips.find(lib, "vips_gaussblur"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_DOUBLE, ADDRESS, JAVA_DOUBLE, ADDRESS, JAVA_INT,
                        ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // int vips_subtract(left, right, out, ...); int vips_add(left, right, out, ...)
        FunctionDescriptor twoIn = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        this.subtract = linker.downcallHandle(LibVips.find(lib, "vips_subtract"), twoIn, Linker.Option.firstVariadicArg(3));
        this.add = linker.downcallHandle(LibVips.find(lib, "vips_add"), twoIn, Linker.Option.firstVariadicArg(3));
        FunctionDescriptor getter = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        this.getWidth = linker.downcallHandle(LibVips.find(lib, "vips_image_get_width"), getter);
        this.getHeight = linker.downcallHandle(LibVips.find(lib, "vips_image_get_height"), getter);
        this.getBands = linker.downcallHandle(LibVips.find(lib, "vips_image_get_bands"), getter);
        // VipsImage *vips_image_copy_memory(VipsImage *image): a new reference, or NULL
        this.copyMemory = linker.downcallHandle(LibVips.find(lib, "vips_image_copy_memory"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    int width(MemorySegment image) throws Throwable {
        return (int) getWidth.invokeExact(image);
    }

    int height(MemorySegment image) throws Throwable {
        return (int) getHeight.invokeExact(image);
    }

    /**
     * {@code image} decoded into memory: the loader reads once, in order, and a turn, a mirror or
     * libvips' attention measure reads in another order.
     */
    MemorySegment inMemory(Arena arena, MemorySegment image, LibVips.Replace replace) throws Throwable {
        MemorySegment in = image;
        return replace.apply(arena, image, "decoding into memory", out -> {
            MemorySegment copy = (MemorySegment) copyMemory.invokeExact(in);
            out.set(ADDRESS, 0, copy);
            return copy.equals(MemorySegment.NULL) ? -1 : 0;
        });
    }

    /** The region, the rotation, the mirror and the resize of the region to its planned size. */
    MemorySegment beforeResize(Arena arena, MemorySegment image, VipsSteps steps, LibVips.Replace replace)
            throws Throwable {
        if (steps.region() != null || steps.rotate() != 0 || steps.flip() != Transform.Flip.NONE) {
            // The loader reads sequentially, top to bottom; a turn or a mirror reads the rows in
            // another order, so the loaded image is decoded into memory first (the java engine's
            // plan counts that image: the planned size, or the whole image when a region is cut).
            image = inMemory(arena, image, replace);
        }
        Transform.Crop region = steps.region();
        if (region != null) {
            MemorySegment in = image;
            image = replace.apply(arena, image, "cropping the region", out -> (int) extractArea.invokeExact(in, out,
                    region.x(), region.y(), region.width(), region.height(), MemorySegment.NULL));
        }
        if (steps.rotate() != 0) {
            MemorySegment in = image;
            int angle = steps.rotate() / 90; // VipsAngle: D0, D90, D180, D270, each clockwise
            image = replace.apply(arena, image, "rotating", out -> (int) rot.invokeExact(in, out, angle, MemorySegment.NULL));
        }
        image = mirror(arena, image, steps.flip().horizontal(), 0, replace); // VIPS_DIRECTION_HORIZONTAL
        image = mirror(arena, image, steps.flip().vertical(), 1, replace);
        if (steps.resizeWidth() > 0) {
            MemorySegment in = image;
            image = replace.apply(arena, image, "resizing the region", out -> (int) thumbnailImage.invokeExact(in, out,
                    steps.resizeWidth(), arena.allocateFrom("height"), steps.resizeHeight(),
                    arena.allocateFrom("size"), SIZE_FORCE, MemorySegment.NULL));
        }
        return image;
    }

    private MemorySegment mirror(Arena arena, MemorySegment image, boolean wanted, int direction, LibVips.Replace replace)
            throws Throwable {
        if (!wanted) {
            return image;
        }
        return replace.apply(arena, image, "flipping",
                out -> (int) flip.invokeExact(image, out, direction, MemorySegment.NULL));
    }

    /** The padding (on an sRGB image, 3 or 4 bands), then the blur or the sharpening. */
    MemorySegment afterResize(Arena arena, MemorySegment image, VipsSteps steps, LibVips vips) throws Throwable {
        if (steps.width() > width(image) || steps.height() > height(image)) {
            image = pad(arena, image, steps, vips);
        }
        if (steps.blur() > 0) {
            image = blurred(arena, image, steps.blur(), vips);
        }
        if (steps.sharpen() > 0) {
            image = sharpened(arena, image, steps.sharpen(), vips);
        }
        return image;
    }

    private MemorySegment pad(Arena arena, MemorySegment image, VipsSteps steps, LibVips vips) throws Throwable {
        int argb = steps.background();
        int alpha = argb >>> 24;
        if (alpha != 0xFF && (int) getBands.invokeExact(image) == 3) {
            MemorySegment in = image;
            image = vips.replace(arena, image, "adding alpha",
                    out -> (int) bandjoinConst1.invokeExact(in, out, 255.0, MemorySegment.NULL));
        }
        int bands = (int) getBands.invokeExact(image);
        double[] colour = {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, alpha};
        MemorySegment values = arena.allocate(JAVA_DOUBLE, bands);
        for (int i = 0; i < bands; i++) {
            values.setAtIndex(JAVA_DOUBLE, i, colour[i]);
        }
        MemorySegment background = (MemorySegment) arrayDoubleNew.invokeExact(values, bands);
        try {
            MemorySegment in = image;
            int left = (steps.width() - width(image)) / 2;
            int top = (steps.height() - height(image)) / 2;
            return vips.replace(arena, image, "padding", out -> (int) embed.invokeExact(in, out, left, top,
                    steps.width(), steps.height(), arena.allocateFrom("extend"), EXTEND_BACKGROUND,
                    arena.allocateFrom("background"), background, MemorySegment.NULL));
        } finally {
            areaUnref.invokeExact(background);
        }
    }

    private MemorySegment blurred(Arena arena, MemorySegment image, double sigma, LibVips vips) throws Throwable {
        MemorySegment soft = vips.replace(arena, image, "blurring", out -> (int) gaussblur.invokeExact(image, out, sigma,
                arena.allocateFrom("min_ampl"), Gaussian.MIN_AMPLITUDE, arena.allocateFrom("precision"), PRECISION_FLOAT,
                MemorySegment.NULL));
        return vips.replace(arena, soft, "blurring", out -> (int) cast.invokeExact(soft, out, FORMAT_UCHAR, MemorySegment.NULL));
    }

    /** {@code 2 × image − blur(image)}, back to 8 bits (vips_cast clamps), as {@link Effects} computes it. */
    private MemorySegment sharpened(Arena arena, MemorySegment image, double sigma, LibVips vips) throws Throwable {
        MemorySegment soft = MemorySegment.NULL;
        MemorySegment detail = MemorySegment.NULL;
        MemorySegment sum = MemorySegment.NULL;
        try {
            soft = made(arena, "blurring to sharpen", vips, out -> (int) gaussblur.invokeExact(image, out, sigma,
                    arena.allocateFrom("min_ampl"), Gaussian.MIN_AMPLITUDE, arena.allocateFrom("precision"),
                    PRECISION_FLOAT, MemorySegment.NULL));
            MemorySegment s = soft;
            detail = made(arena, "sharpening", vips, out -> (int) subtract.invokeExact(image, s, out, MemorySegment.NULL));
            MemorySegment d = detail;
            sum = made(arena, "sharpening", vips, out -> (int) add.invokeExact(image, d, out, MemorySegment.NULL));
            MemorySegment total = sum;
            MemorySegment result = made(arena, "sharpening", vips,
                    out -> (int) cast.invokeExact(total, out, FORMAT_UCHAR, MemorySegment.NULL));
            vips.unref(image);
            return result;
        } finally {
            vips.unref(soft);
            vips.unref(detail);
            vips.unref(sum);
        }
    }

    /** The image {@code operation} makes; nothing is released. */
    private static MemorySegment made(Arena arena, String action, LibVips vips, LibVips.Operation operation)
            throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        out.set(ADDRESS, 0, MemorySegment.NULL);
        if (operation.apply(out) != 0) {
            throw vips.failure(action);
        }
        return vips.received(out.get(ADDRESS, 0));
    }
}
