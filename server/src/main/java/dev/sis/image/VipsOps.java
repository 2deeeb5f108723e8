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
 * {@link LibVips}: each operation replaces the image its {@link VipsImageRef} holds, which
 * releases the old one; a failure leaves the holder as it was, for its owner to close. Thread-safe.
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
     * The image {@code image} holds, decoded into memory: the loader reads once, in order, and a
     * turn, a mirror or libvips' attention measure reads in another order.
     */
    void inMemory(Arena arena, VipsImageRef image) throws Throwable {
        image.replace(arena, "decoding into memory", (in, out) -> {
            MemorySegment copy = (MemorySegment) copyMemory.invokeExact(in);
            out.set(ADDRESS, 0, copy);
            return copy.equals(MemorySegment.NULL) ? -1 : 0;
        });
    }

    /** The region, the rotation, the mirror and the resize of the region to its planned size. */
    void beforeResize(Arena arena, VipsImageRef image, VipsSteps steps) throws Throwable {
        if (steps.region() != null || steps.rotate() != 0 || steps.flip() != Transform.Flip.NONE) {
            // The loader reads sequentially, top to bottom; a turn or a mirror reads the rows in
            // another order, so the loaded image is decoded into memory first (the java engine's
            // plan counts that image: the planned size, or the whole image when a region is cut).
            inMemory(arena, image);
        }
        Transform.Crop region = steps.region();
        if (region != null) {
            image.replace(arena, "cropping the region", (in, out) -> (int) extractArea.invokeExact(in, out,
                    region.x(), region.y(), region.width(), region.height(), MemorySegment.NULL));
        }
        if (steps.rotate() != 0) {
            int angle = steps.rotate() / 90; // VipsAngle: D0, D90, D180, D270, each clockwise
            image.replace(arena, "rotating", (in, out) -> (int) rot.invokeExact(in, out, angle, MemorySegment.NULL));
        }
        mirror(arena, image, steps.flip().horizontal(), 0); // VIPS_DIRECTION_HORIZONTAL
        mirror(arena, image, steps.flip().vertical(), 1);
        if (steps.resizeWidth() > 0) {
            image.replace(arena, "resizing the region", (in, out) -> (int) thumbnailImage.invokeExact(in, out,
                    steps.resizeWidth(), arena.allocateFrom("height"), steps.resizeHeight(),
                    arena.allocateFrom("size"), SIZE_FORCE, MemorySegment.NULL));
        }
    }

    private void mirror(Arena arena, VipsImageRef image, boolean wanted, int direction) throws Throwable {
        if (wanted) {
            image.replace(arena, "flipping", (in, out) -> (int) flip.invokeExact(in, out, direction, MemorySegment.NULL));
        }
    }

    /** The padding (on an sRGB image, 3 or 4 bands), then the blur or the sharpening. */
    void afterResize(Arena arena, VipsImageRef image, VipsSteps steps) throws Throwable {
        if (steps.width() > width(image.get()) || steps.height() > height(image.get())) {
            pad(arena, image, steps);
        }
        if (steps.blur() > 0) {
            blurred(arena, image, steps.blur());
        }
        if (steps.sharpen() > 0) {
            sharpened(arena, image, steps.sharpen());
        }
    }

    private void pad(Arena arena, VipsImageRef image, VipsSteps steps) throws Throwable {
        int argb = steps.background();
        int alpha = argb >>> 24;
        if (alpha != 0xFF && (int) getBands.invokeExact(image.get()) == 3) {
            image.replace(arena, "adding alpha",
                    (in, out) -> (int) bandjoinConst1.invokeExact(in, out, 255.0, MemorySegment.NULL));
        }
        int bands = (int) getBands.invokeExact(image.get());
        double[] colour = {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, alpha};
        MemorySegment values = arena.allocate(JAVA_DOUBLE, bands);
        for (int i = 0; i < bands; i++) {
            values.setAtIndex(JAVA_DOUBLE, i, colour[i]);
        }
        MemorySegment background = (MemorySegment) arrayDoubleNew.invokeExact(values, bands);
        try {
            int left = (steps.width() - width(image.get())) / 2;
            int top = (steps.height() - height(image.get())) / 2;
            image.replace(arena, "padding", (in, out) -> (int) embed.invokeExact(in, out, left, top,
                    steps.width(), steps.height(), arena.allocateFrom("extend"), EXTEND_BACKGROUND,
                    arena.allocateFrom("background"), background, MemorySegment.NULL));
        } finally {
            areaUnref.invokeExact(background);
        }
    }

    private void blurred(Arena arena, VipsImageRef image, double sigma) throws Throwable {
        image.replace(arena, "blurring", (in, out) -> (int) gaussblur.invokeExact(in, out, sigma,
                arena.allocateFrom("min_ampl"), Gaussian.MIN_AMPLITUDE, arena.allocateFrom("precision"), PRECISION_FLOAT,
                MemorySegment.NULL));
        image.replace(arena, "blurring", (soft, out) -> (int) cast.invokeExact(soft, out, FORMAT_UCHAR, MemorySegment.NULL));
    }

    /** {@code 2 × image − blur(image)}, back to 8 bits (vips_cast clamps), as {@link Effects} computes it. */
    private void sharpened(Arena arena, VipsImageRef image, double sigma) throws Throwable {
        try (VipsImageRef soft = image.derive(arena, "blurring to sharpen", (in, out) -> (int) gaussblur.invokeExact(in,
                     out, sigma, arena.allocateFrom("min_ampl"), Gaussian.MIN_AMPLITUDE, arena.allocateFrom("precision"),
                     PRECISION_FLOAT, MemorySegment.NULL));
             VipsImageRef detail = image.derive(arena, "sharpening",
                     (in, out) -> (int) subtract.invokeExact(in, soft.get(), out, MemorySegment.NULL));
             VipsImageRef sum = image.derive(arena, "sharpening",
                     (in, out) -> (int) add.invokeExact(in, detail.get(), out, MemorySegment.NULL))) {
            // the last step reads the sum, not the image: the image is released once the cast is made
            image.replace(arena, "sharpening", (in, out) -> (int) cast.invokeExact(sum.get(), out, FORMAT_UCHAR,
                    MemorySegment.NULL));
        }
    }
}
