package dev.sis.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageReadParam;

/**
 * Step 0 of a still image: decodes the first frame into the working layout in sRGB
 * ({@link ToSrgb}). When the variant is much smaller than the source, the decoder keeps only
 * every n-th pixel of every n-th row ({@link #subsampling}), so a thumbnail of an 18 MP photo
 * never holds 18 MP in memory; enough pixels are kept for the resampler's filter to average.
 * A GIF's first frame is drawn on its canvas, as for animations.
 */
final class Decode {
    /** Pixels kept per target pixel along each axis when subsampling: the resampler still averages 3. */
    static final int KEEP_PER_TARGET = 3;

    private Decode() {
    }

    /**
     * The subsampling factor for decoding a {@code storedWidth × storedHeight} image whose
     * oriented, scaled size is {@code geometry}: the largest n that keeps
     * {@link #KEEP_PER_TARGET} source pixels per target pixel on both axes.
     */
    static int subsampling(int storedWidth, int storedHeight, Orientation orientation, Geometry geometry) {
        int targetAcross = orientation.swapsAxes() ? geometry.scaledHeight() : geometry.scaledWidth();
        int targetDown = orientation.swapsAxes() ? geometry.scaledWidth() : geometry.scaledHeight();
        return Math.max(1, Math.min(storedWidth / (KEEP_PER_TARGET * targetAcross),
                storedHeight / (KEEP_PER_TARGET * targetDown)));
    }

    /** Decodes the first frame of {@code source}, keeping every {@code factor}-th pixel. */
    static BufferedImage firstFrame(SourceImage source, int factor, Deadline deadline) throws IOException {
        if (source.format == ImageFormat.GIF) {
            GifAnimationReader gif = new GifAnimationReader(source.reader, source.width, source.height,
                    new AbortOnDeadline(deadline));
            BufferedImage frame = gif.next().image();
            deadline.check();
            return frame;
        }
        ImageReadParam param = source.reader.getDefaultReadParam();
        if (factor > 1) {
            param.setSourceSubsampling(factor, factor, 0, 0);
        }
        source.reader.addIIOReadProgressListener(new AbortOnDeadline(deadline));
        BufferedImage decoded = source.reader.read(0, param);
        deadline.check(); // an aborted read returns what it had
        return ToSrgb.convert(decoded, source.iccProfile);
    }
}
