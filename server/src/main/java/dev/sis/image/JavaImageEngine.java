package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.io.InputStream;

/**
 * The pure-Java engine, always available: the JDK's ImageIO plus the TwelveMonkeys readers (only
 * pure-Java decoders read uploaded bytes) and libwebp's encoder. {@link #prepare} reads the
 * header and checks every budget (source pixels, output pixels, animation frames × pixels)
 * before a pixel is decoded; {@link JavaPreparedVariant#make()} then runs the steps.
 * Thread-safe.
 */
public final class JavaImageEngine implements ImageEngine {
    private final ImageLimits limits;
    private final Watermark watermark;

    public JavaImageEngine(ImageLimits limits) {
        this(limits, null);
    }

    /** @param watermark what {@code wm=} puts on variants, or null when the server has none */
    public JavaImageEngine(ImageLimits limits, Watermark watermark) {
        this.limits = limits;
        this.watermark = watermark;
    }

    /**
     * Reads the header of the image in {@code source} (read, not closed; it must stay open
     * until the prepared variant is closed) and plans the variant {@code spec}.
     *
     * @param sourceBytes the length of {@code source}, for the memory estimate (it is buffered
     *                    in memory as it is read), or 0 when unknown
     * @throws UnsupportedImageException when the source is not an image in a supported format
     * @throws OverBudgetException       when the source or the variant is over a budget
     */
    @Override
    public JavaPreparedVariant prepare(InputStream source, long sourceBytes, VariantSpec spec) {
        SourceImage image = SourceImage.open(source, limits);
        try {
            return new JavaPreparedVariant(image, spec, limits, sourceBytes).watermarkedWith(watermark);
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
    }

    @Override
    public ImageInfo plan(InputStream source, VariantSpec spec) {
        try (JavaPreparedVariant variant = prepare(source, 0, spec)) {
            Geometry geometry = variant.geometry();
            return new ImageInfo(variant.outputFormat(), geometry.width(), geometry.height(), variant.frames());
        }
    }

    @Override
    public String describe() {
        return "java (ImageIO, TwelveMonkeys)";
    }
}
