package dev.sis.image;

import dev.sis.client.Fit;

/**
 * Where a variant's pixels come from: the source is scaled to {@code scaledWidth × scaledHeight},
 * then the {@code width × height} window at {@code left, top} of that is kept (a crop only for
 * {@link Fit#COVER}; where it sits is the spec's {@link Gravity}, the centre unless told).
 */
public record Geometry(int scaledWidth, int scaledHeight, int width, int height, int left, int top) {

    /** A geometry whose crop, if any, is the centre. */
    public Geometry(int scaledWidth, int scaledHeight, int width, int height) {
        this(scaledWidth, scaledHeight, width, height, (scaledWidth - width) / 2, (scaledHeight - height) / 2);
    }

    /** Plans a variant of a {@code sourceWidth × sourceHeight} image. */
    public static Geometry plan(int sourceWidth, int sourceHeight, VariantSpec spec) {
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

    /** The most pixels held at once for the scaled image (before any crop). */
    public long scaledPixels() {
        return (long) scaledWidth * scaledHeight;
    }

    public long pixels() {
        return (long) width * height;
    }
}
