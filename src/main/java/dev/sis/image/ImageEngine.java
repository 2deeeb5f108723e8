package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageReadParam;

/**
 * Makes variants with the JDK's ImageIO (plus the TwelveMonkeys plugins): header check →
 * decode (subsampled when the target is much smaller) → scale → crop → encode. Every budget
 * is checked from the header before a pixel is decoded. Thread-safe; callers bound how many
 * run at once ({@code DecodeGate}).
 */
public final class ImageEngine {
    private final ImageLimits limits;

    public ImageEngine(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * Makes the variant {@code spec} of the image in {@code source} (read, not closed).
     *
     * @throws UnsupportedImageException when the source is not a decodable image
     * @throws OverBudgetException       when the source or the variant is over a pixel budget
     */
    public EncodedImage makeVariant(InputStream source, VariantSpec spec) {
        try (SourceImage image = SourceImage.open(source)) {
            if (image.pixels() > limits.maxSourcePixels()) {
                throw new OverBudgetException("the image has " + image.pixels()
                        + " pixels, over this server's limit of " + limits.maxSourcePixels());
            }
            Geometry geometry = Geometry.plan(image.width, image.height, spec);
            long outputPixels = Math.max(geometry.scaledPixels(), geometry.pixels());
            if (outputPixels > limits.maxOutputPixels()) {
                throw new OverBudgetException("the variant would have " + outputPixels
                        + " pixels, over this server's limit of " + limits.maxOutputPixels());
            }
            ImageFormat format = spec.outputFormat(image.format);
            if (Math.max(geometry.width(), geometry.height()) > maxSide(format)) {
                throw new OverBudgetException("a " + format.urlName() + " image cannot be wider or higher than "
                        + maxSide(format) + " pixels");
            }
            BufferedImage decoded = decode(image, geometry);
            BufferedImage scaled = Resampler.resize(decoded, geometry.scaledWidth(), geometry.scaledHeight());
            BufferedImage cropped = Resampler.cropCentre(scaled, geometry.width(), geometry.height());
            return new EncodedImage(Encoder.encode(cropped, format, spec.quality()), format);
        }
    }

    /**
     * The largest side a format can hold: JPEG's and GIF's headers have 16 bits for it (the JDK's
     * JPEG writer stops at 65,500; its GIF writer would silently write a broken header).
     */
    private static int maxSide(ImageFormat format) {
        return switch (format) {
            case JPEG -> 65_500;
            case GIF -> 65_535;
            default -> Integer.MAX_VALUE;
        };
    }

    /**
     * Decodes the first frame. When the target is at least twice smaller on both axes, the
     * decoder skips pixels (keeping at least twice the target, so that the resampler's box
     * filter still averages): a 1/8 thumbnail of an 18 MP photo never holds 18 MP in memory.
     */
    private static BufferedImage decode(SourceImage image, Geometry geometry) {
        int factor = Math.max(1, Math.min(
                image.width / (2 * geometry.scaledWidth()),
                image.height / (2 * geometry.scaledHeight())));
        ImageReadParam param = image.reader.getDefaultReadParam();
        if (factor > 1) {
            param.setSourceSubsampling(factor, factor, 0, 0);
        }
        try {
            return toStandardType(image.reader.read(0, param));
        } catch (IOException | RuntimeException e) {
            throw new UnsupportedImageException("the " + image.format.urlName() + " image data is broken or truncated", e);
        }
    }

    /** The resampler and encoders work on packed RGB or ARGB; convert anything else once. */
    private static BufferedImage toStandardType(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            return image;
        }
        int target = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), target);
        Graphics2D g = converted.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }
}
