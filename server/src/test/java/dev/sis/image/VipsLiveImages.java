package dev.sis.image;

/**
 * How many libvips images the vips engine holds right now, for tests in other packages: every
 * engine in the JVM shares one {@link LibVips}, so a test reads the count as a delta.
 */
public final class VipsLiveImages {
    private VipsLiveImages() {
    }

    /** The count, or throws when libvips cannot be loaded (the caller requires it). */
    public static long count() {
        StringBuilder why = new StringBuilder();
        return LibVips.load(why).orElseThrow(() -> new IllegalStateException("no libvips: " + why)).liveImages();
    }
}
