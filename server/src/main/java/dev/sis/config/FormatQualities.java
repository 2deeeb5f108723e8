package dev.sis.config;

import dev.sis.image.ImageFormat;
import java.util.Map;

/**
 * The default {@code q} of each lossy format ({@code --quality}), chosen so that WebP and AVIF
 * look as good as JPEG at q85 (SSIM against the 800 px source, over the corpus:
 * {@code bench/auto-format-quality.py}, docs/performance.md). At one q for all three, AVIF and
 * WebP came out no smaller than JPEG, so {@code format=auto} saved nothing.
 */
public final class FormatQualities {
    /** JPEG keeps sis's q85; WebP and AVIF the q at which they first match its SSIM on most photos. */
    public static final Map<ImageFormat, Integer> DEFAULTS = Map.of(ImageFormat.JPEG, 85,
            ImageFormat.WEBP, 90, ImageFormat.AVIF, 80);

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
