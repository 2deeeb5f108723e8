package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link ImageEngine} that {@code --image-engine} asks for. */
public final class ImageEngines {
    private static final Logger LOG = LoggerFactory.getLogger(ImageEngines.class);

    private ImageEngines() {
    }

    /**
     * {@code java}: the pure-Java engine. {@code vips}: libvips, or a failure saying why it cannot
     * be loaded. {@code auto}: libvips when it loads, else the pure-Java engine (the reason is
     * logged), so that sis needs nothing installed.
     *
     * @throws IllegalStateException when {@code vips} is asked for and libvips cannot be loaded
     */
    public static ImageEngine create(EngineChoice choice, ImageLimits limits) {
        return create(choice, limits, LibVips.LIBRARY);
    }

    /** As {@link #create(EngineChoice, ImageLimits)}, with the watermark {@code wm=} puts on variants (or null). */
    public static ImageEngine create(EngineChoice choice, ImageLimits limits, Watermark watermark) {
        return create(choice, limits, LibVips.LIBRARY, watermark);
    }

    /** As {@link #create(EngineChoice, ImageLimits)}, with libvips looked for as {@code library}. */
    static ImageEngine create(EngineChoice choice, ImageLimits limits, String library) {
        return create(choice, limits, library, null);
    }

    private static ImageEngine create(EngineChoice choice, ImageLimits limits, String library, Watermark watermark) {
        if (choice == EngineChoice.JAVA) {
            return new JavaImageEngine(limits, watermark);
        }
        StringBuilder why = new StringBuilder();
        // auto picks per variant, where measured faster: see ScaledDecodeRoute; vips keeps libvips
        var vips = VipsImageEngine.load(library, limits, watermark, choice == EngineChoice.AUTO, why);
        if (vips.isPresent()) {
            return vips.get();
        }
        if (choice == EngineChoice.VIPS) {
            throw new IllegalStateException("--image-engine vips: libvips cannot be loaded (" + why
                    + "); install libvips42, or use --image-engine java");
        }
        LOG.info("image engine: java, since libvips cannot be loaded ({})", why);
        return new JavaImageEngine(limits, watermark);
    }
}
