package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.jpeg.ScaledJpegDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/**
 * Step 0 for a JPEG much larger than its variant: decodes it at 1/2, 1/4 or 1/8 of its size in
 * the DCT domain ({@link ScaledJpegDecoder}) instead of decoding every pixel and shrinking them
 * (issue 18). Each decoded pixel is already the low-pass of its block, so the resampler only
 * finishes the last factor under 2 (or 8 × 8 blocks' worth of pixels for the largest shrink).
 *
 * <p>Used when the variant is at most half the source on both axes; the scale is the smallest
 * decode that still has at least the variant's pixels on each axis. JPEGs the decoder does not
 * handle (arithmetic coding, CMYK, 12-bit…) and those with an ICC profile other than sRGB (which
 * the ImageIO path converts) go the usual way ({@link Decode}). So do the files it finds corrupt
 * or truncated: libjpeg shows many of those (grey where the data is missing) and the usual way
 * decides as before, so shrinking on load never refuses a file the usual way would show; the
 * deadline still counts from the start.
 */
final class ShrinkOnLoad {
    /** Reductions the decoder offers, largest first. */
    private static final int[] REDUCTIONS = {8, 4, 2};

    private ShrinkOnLoad() {
    }

    /**
     * The reduction (2, 4 or 8) a {@code storedWidth × storedHeight} JPEG whose oriented, scaled
     * size is {@code geometry} is decoded at, or 1 when the variant is more than half the source
     * on an axis.
     */
    static int reduction(int storedWidth, int storedHeight, Orientation orientation, Geometry geometry) {
        int across = orientation.swapsAxes() ? geometry.scaledHeight() : geometry.scaledWidth();
        int down = orientation.swapsAxes() ? geometry.scaledWidth() : geometry.scaledHeight();
        if (2L * across > storedWidth || 2L * down > storedHeight) {
            return 1;
        }
        for (int reduction : REDUCTIONS) {
            if (ceilDiv(storedWidth, reduction) >= across && ceilDiv(storedHeight, reduction) >= down) {
                return reduction;
            }
        }
        return 1;
    }

    /**
     * The heap the scaled decode takes beyond the file (see {@link ScaledJpegDecoder#workingBytes}),
     * from the file's frame header wherever it lies, or -1 when it has none the scaled decoder takes
     * (the usual way's estimate holds: the scaled decoder will step aside too).
     */
    static long workingBytes(SourceImage source, int reduction) {
        byte[] frameHeader;
        try {
            frameHeader = source.jpegFrameHeader();
        } catch (IOException | RuntimeException malformed) {
            // The segments were walked already to open the file; one this walk trips on is left to
            // the decode, which meets it again and refuses the file.
            return -1;
        }
        return frameHeader == null ? -1 : ScaledJpegDecoder.workingBytes(frameHeader, reduction);
    }

    /**
     * Decodes {@code source} at 1/{@code reduction}, into sRGB, checking {@code deadline} every
     * row of blocks; empty when this JPEG is not one the scaled decoder takes, or its data is
     * corrupt or truncated (the reader is where it was: the usual way decodes it).
     *
     * @throws dev.sis.errors.OverBudgetException when a limit or the deadline is passed
     */
    static Optional<BufferedImage> decode(SourceImage source, int reduction, ImageLimits limits, Deadline deadline)
            throws IOException {
        byte[] file = source.wholeFile();
        Optional<ScaledJpegDecoder> decoder;
        try {
            decoder = ScaledJpegDecoder.open(file, limits);
        } catch (UnsupportedImageException broken) {
            return Optional.empty();
        }
        if (decoder.isEmpty() || !srgb(decoder.get().iccProfile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(decoder.get().decode(reduction, deadline::check));
        } catch (UnsupportedImageException broken) {
            return Optional.empty();
        }
    }

    /** Whether pixels under {@code profile} (null: none) are sRGB: else the ImageIO path converts them. */
    private static boolean srgb(byte[] profile) {
        return profile == null || SrgbProfile.matches(profile);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
