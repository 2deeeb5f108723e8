package dev.sis.image;

import dev.sis.client.Fit;

/**
 * Where a variant's pixels come from: the source is scaled to {@code scaledWidth × scaledHeight},
 * then the {@code width × height} window at {@code left, top} of that is kept (a crop only for
 * {@link Fit#COVER}; where it sits is the spec's {@link Gravity}, the centre unless told), or, for
 * {@link Fit#PAD}, the scaled image is placed in the centre of a {@code width × height} canvas.
 */
public record Geometry(int scaledWidth, int scaledHeight, int width, int height, int left, int top) {

    /** A geometry whose crop, if any, is the centre. */
    public Geometry(int scaledWidth, int scaledHeight, int width, int height) {
        this(scaledWidth, scaledHeight, width, height, (scaledWidth - width) / 2, (scaledHeight - height) / 2);
    }

    /**
     * Plans a variant of a {@code displayedWidth × displayedHeight} image: the resize applies to
     * what the transform's crop and rotation leave of it.
     */
    public static Geometry plan(int displayedWidth, int displayedHeight, VariantSpec spec) {
        Transform t = spec.transform();
        int baseWidth = t.crop() == null ? displayedWidth : t.crop().width();
        int baseHeight = t.crop() == null ? displayedHeight : t.crop().height();
        return t.swapsAxes() ? resize(baseHeight, baseWidth, spec) : resize(baseWidth, baseHeight, spec);
    }

    private static Geometry resize(int sourceWidth, int sourceHeight, VariantSpec spec) {
        int w = spec.width();
        int h = spec.height();
        if (w == 0 && h == 0) {
            return new Geometry(sourceWidth, sourceHeight, sourceWidth, sourceHeight);
        }
        if (w == 0 || h == 0) {
            double scale = w != 0 ? (double) w / sourceWidth : (double) h / sourceHeight;
            if (spec.fit() == Fit.INSIDE) {
                scale = Math.min(scale, 1.0);
            }
            return uniform(sourceWidth, sourceHeight, scale);
        }
        double scaleX = (double) w / sourceWidth;
        double scaleY = (double) h / sourceHeight;
        return switch (spec.fit()) {
            case STRETCH -> new Geometry(w, h, w, h);
            case CONTAIN -> uniform(sourceWidth, sourceHeight, Math.min(scaleX, scaleY));
            case INSIDE -> uniform(sourceWidth, sourceHeight, Math.min(1.0, Math.min(scaleX, scaleY)));
            case PAD -> {
                Geometry contained = uniform(sourceWidth, sourceHeight, Math.min(scaleX, scaleY));
                yield new Geometry(Math.min(w, contained.scaledWidth), Math.min(h, contained.scaledHeight), w, h);
            }
            case COVER -> {
                double scale = Math.max(scaleX, scaleY);
                int sw = Math.max(w, side(sourceWidth, scale));
                int sh = Math.max(h, side(sourceHeight, scale));
                Gravity gravity = spec.gravity();
                yield new Geometry(sw, sh, w, h, gravity.offset(sw, w, true), gravity.offset(sh, h, false));
            }
        };
    }

    private static Geometry uniform(int sourceWidth, int sourceHeight, double scale) {
        int w = side(sourceWidth, scale);
        int h = side(sourceHeight, scale);
        return new Geometry(w, h, w, h);
    }

    private static int side(int source, double scale) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(source * scale)));
    }

    /** Whether the scaled image is placed on a larger canvas ({@link Fit#PAD}). */
    public boolean pads() {
        return width > scaledWidth || height > scaledHeight;
    }

    /** This geometry before a rotation by 90 or 270 degrees: width and height (and the window's corner) swapped. */
    Geometry swapped() {
        return new Geometry(scaledHeight, scaledWidth, height, width, top, left);
    }

    /** The most pixels held at once for the scaled image (before any crop). */
    public long scaledPixels() {
        return (long) scaledWidth * scaledHeight;
    }

    public long pixels() {
        return (long) width * height;
    }
}
