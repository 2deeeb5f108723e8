package dev.sis.config;

import dev.sis.image.ImageFormat;
import java.util.Map;

/**
 * The default {@code q} of each lossy format ({@code --quality}), chosen so that WebP and AVIF
 * look as good as JPEG at q85: for each corpus photo at 800 px, the lowest q whose SSIM against
 * the source is at least JPEG q85's, and the median over the photos
 * ({@code bench/auto-format-quality.py}, docs/performance.md). There, AVIF q85 takes 0.95× JPEG's
 * bytes and WebP q90 1.28×: WebP does not save bytes at JPEG's quality on this corpus.
 */
public final class FormatQualities {
    /** JPEG keeps sis's q85; WebP and AVIF the q at which they match its SSIM on the median photo. */
    public static final Map<ImageFormat, Integer> DEFAULTS = Map.of(ImageFormat.JPEG, 85,
            ImageFormat.WEBP, 90, ImageFormat.AVIF, 85);

    private FormatQualities() {
    }

    /** As {@code --quality} spells them: {@code jpeg=85,webp=…,avif=…}. */
    public static String describe(Map<ImageFormat, Integer> qualities) {
        StringBuilder text = new StringBuilder();
        for (ImageFormat format : ImageFormat.values()) {
            if (qualities.containsKey(format)) {
                text.append(text.isEmpty() ? "" : ",").append(format.urlName()).append('=').append(qualities.get(format));
            }
        }
        return text.toString();
    }
}
