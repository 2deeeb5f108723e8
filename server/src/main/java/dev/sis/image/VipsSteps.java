package dev.sis.image;

/**
 * What libvips does between loading and saving a variant, in this order: keep a {@code region}
 * of the loaded image, {@code rotate} it clockwise, {@code flip} it, resize it to exactly
 * {@code resizeWidth × resizeHeight} (0: as loaded), then bring it to {@code width × height} —
 * its centre when that is smaller, centred on a {@code background} canvas when larger — and
 * finally blur or sharpen it. The order and the meaning are {@link JavaPreparedVariant}'s.
 *
 * @param region     the part kept, in the loaded image's pixels, or {@code null}
 * @param background {@code 0xAARRGGBB}, for the canvas
 * @param blur       σ, or 0
 * @param sharpen    the unsharp mask's σ, or 0
 * @param left       where a cover's window starts across (its gravity), or -1 for the centre
 * @param top        where a cover's window starts down, or -1 for the centre
 * @param smart      whether libvips' attention measure places the window instead
 */
record VipsSteps(Transform.Crop region, int rotate, Transform.Flip flip, int resizeWidth, int resizeHeight,
                 int width, int height, int background, double blur, double sharpen, int left, int top,
                 boolean smart) {

    /** Only the centre crop of a cover, as before any transform existed. */
    static VipsSteps centre(int width, int height) {
        return new VipsSteps(null, 0, Transform.Flip.NONE, 0, 0, width, height, 0, 0, 0, -1, -1, false);
    }

    /**
     * The steps of a planned variant, and the size libvips loads its source at: the planned size
     * turned back when the transform rotates by a quarter, or the whole image when a region is
     * cut from it (then the resize comes after the cut).
     *
     * @return the steps; {@code load} receives the width and height to load at
     */
    static VipsSteps of(Transform t, Geometry g, Gravity gravity, int displayedWidth, int displayedHeight,
                        ImageFormat output, int[] load) {
        boolean region = t.crop() != null;
        Geometry loaded = t.swapsAxes() ? g.swapped() : g;
        load[0] = region ? displayedWidth : loaded.scaledWidth();
        load[1] = region ? displayedHeight : loaded.scaledHeight();
        return new VipsSteps(t.crop(), t.rotate(), t.flip(), region ? g.scaledWidth() : 0,
                region ? g.scaledHeight() : 0, g.width(), g.height(),
                t.background() != null ? t.background() : Pad.defaultBackground(output),
                Transform.sigma(t.blurTenths()), Transform.sigma(t.sharpenTenths()),
                g.pads() ? -1 : g.left(), g.pads() ? -1 : g.top(), gravity.kind() == Gravity.Kind.SMART);
    }

    /** These steps with the cover's window fixed at ({@code left}, {@code top}) instead of measured. */
    VipsSteps placedAt(int left, int top) {
        return new VipsSteps(region, rotate, flip, resizeWidth, resizeHeight, width, height, background, blur, sharpen,
                left, top, false);
    }

    /** The most pixels one frame holds on its way: as loaded, as its region is resized, as saved. */
    long framePixels(int loadWidth, int loadHeight) {
        return Math.max((long) loadWidth * loadHeight,
                Math.max((long) resizeWidth * resizeHeight, (long) width * height));
    }
}
