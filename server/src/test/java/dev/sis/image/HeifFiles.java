package dev.sis.image;

import dev.sis.testing.TestImages;
import java.time.Duration;

/**
 * HEIC and AVIF files made here by libvips (libheif: x265 and libaom), for tests of HEIF input.
 * A test that calls it requires {@link dev.sis.testing.Prerequisite#LIBVIPS}.
 */
public final class HeifFiles {
    private HeifFiles() {
    }

    /** A {@code width}×{@code height} HEIC (HEVC in HEIF) of a test picture. */
    public static byte[] heic(int width, int height) {
        return encode(width, height, ".heic[Q=60,strip]");
    }

    /** A {@code width}×{@code height} AVIF (AV1 in HEIF) of a test picture. */
    public static byte[] avif(int width, int height) {
        return encode(width, height, ".avif[Q=60,strip,bitdepth=8,effort=0]");
    }

    /** {@code image} (any format libvips reads, {@code width}×{@code height} or larger) as a HEIC of that size. */
    public static byte[] heic(byte[] image, int width, int height) {
        return encode(image, width, height, ".heic[Q=80,strip]");
    }

    /** {@code image} as an AVIF of {@code width}×{@code height}. */
    public static byte[] avif(byte[] image, int width, int height) {
        return encode(image, width, height, ".avif[Q=80,strip,bitdepth=8,effort=0]");
    }

    private static byte[] encode(int width, int height, String suffix) {
        return encode(TestImages.png(width, height), width, height, suffix);
    }

    private static byte[] encode(byte[] image, int width, int height, String suffix) {
        LibVips vips = LibVips.load(new StringBuilder()).orElseThrow(() -> new IllegalStateException("no libvips"));
        try {
            return vips.thumbnail(VipsJob.whole(image, width, height, suffix, Deadline.after(Duration.ofSeconds(60))));
        } catch (LibVips.VipsException e) {
            throw new IllegalStateException("libvips could not write " + suffix, e);
        }
    }
}
