package dev.sis.image;

/**
 * An EXIF orientation (tag 0x0112): how the stored pixels must be turned to be shown upright.
 * Phones store the sensor's rows and record the rotation here instead of rotating the pixels.
 */
enum Orientation {
    /** 1: stored upright. */
    NORMAL,
    /** 2: mirrored left to right. */
    MIRROR_HORIZONTAL,
    /** 3: upside down. */
    ROTATE_180,
    /** 4: mirrored top to bottom. */
    MIRROR_VERTICAL,
    /** 5: mirrored along the top-left to bottom-right diagonal. */
    TRANSPOSE,
    /** 6: to be turned 90° clockwise. */
    ROTATE_90,
    /** 7: mirrored along the top-right to bottom-left diagonal. */
    TRANSVERSE,
    /** 8: to be turned 90° counter-clockwise. */
    ROTATE_270;

    /** The orientation for an EXIF value; anything but 1–8 counts as upright, as viewers do. */
    static Orientation fromExif(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** Whether width and height trade places when shown. */
    boolean swapsAxes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    int displayedWidth(int storedWidth, int storedHeight) {
        return swapsAxes() ? storedHeight : storedWidth;
    }

    int displayedHeight(int storedWidth, int storedHeight) {
        return swapsAxes() ? storedWidth : storedHeight;
    }
}
