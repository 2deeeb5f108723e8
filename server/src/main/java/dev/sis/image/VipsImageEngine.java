package dev.sis.image;

import dev.sis.config.ImageLimits;
import java.io.InputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native engine: libvips ({@code libvips42}) through the FFM API, when the library is
 * installed. Several times faster on cold resizes of large JPEGs, because libvips decodes them
 * at 1/2, 1/4 or 1/8 of their size by their DCT (shrink-on-load) and works in small tiles.
 *
 * <p>The header, the budgets, the sizes and the memory estimate are the pure-Java engine's
 * ({@link JavaImageEngine#prepare}), so both engines accept, refuse and size every variant alike.
 * libvips then makes the JPEG, PNG, WebP and AVIF variants of JPEG, PNG, WebP, HEIC, HEIF and
 * AVIF sources (HEIF files only here: there is no pure-Java HEVC or AV1 decoder), and animated
 * WebP variants of animated GIF and WebP sources; everything else goes to the pure-Java engine:
 * GIF out (animation, frame by frame, and sis's own GIF palette writer), other GIF variants, BMP
 * sources (which libvips cannot read without ImageMagick), CMYK JPEGs and grey images with an ICC
 * profile (see {@link VipsPreparedVariant#handles}).
 *
 * <p>Unlike the pure-Java engine, this one hands uploaded bytes to native decoders (libjpeg-turbo,
 * libpng or libspng, libwebp, libnsgif, libheif, through libvips), but only bytes whose magic number and header
 * sis has already read as JPEG, PNG, WebP, GIF or HEIF, with libvips' untrusted loaders blocked. Thread-safe.
 */
public final class VipsImageEngine implements ImageEngine {
    private static final Logger LOG = LoggerFactory.getLogger(VipsImageEngine.class);
    private final LibVips vips;
    private final JavaImageEngine java;
    private final ImageLimits limits;
    private final VipsAttention attention;
    /** Whether small variants of progressive JPEGs go to the pure-Java engine ({@link ScaledDecodeRoute}). */
    private final boolean scaledDecodeRoute;

    private VipsImageEngine(LibVips vips, VipsAttention attention, ImageLimits limits, Watermark watermark,
                            boolean scaledDecodeRoute) {
        this.vips = vips;
        this.attention = attention;
        this.java = new JavaImageEngine(limits, watermark);
        this.limits = limits;
        this.scaledDecodeRoute = scaledDecodeRoute;
    }

    /**
     * The engine, when libvips can be loaded; else empty, with the reason in {@code why}.
     */
    public static Optional<VipsImageEngine> load(ImageLimits limits, StringBuilder why) {
        return load(LibVips.LIBRARY, limits, why);
    }

    static Optional<VipsImageEngine> load(String library, ImageLimits limits, StringBuilder why) {
        return load(library, limits, null, why);
    }

    /** As {@link #load(ImageLimits, StringBuilder)}, with the server's watermark (or null). */
    static Optional<VipsImageEngine> load(String library, ImageLimits limits, Watermark watermark, StringBuilder why) {
        return load(library, limits, watermark, false, why);
    }

    /**
     * As {@link #load(String, ImageLimits, Watermark, StringBuilder)}; with {@code scaledDecodeRoute}
     * ({@code --image-engine auto}), the variants {@link ScaledDecodeRoute} names go to the pure-Java engine.
     */
    static Optional<VipsImageEngine> load(String library, ImageLimits limits, Watermark watermark,
                                          boolean scaledDecodeRoute, StringBuilder why) {
        return LibVips.load(library, why).map(vips -> new VipsImageEngine(vips, VipsAttention.of(vips, library), limits,
                watermark, scaledDecodeRoute));
    }

    /**
     * Reads only the head of {@code source} (the pure-Java engine's header reader decides how far):
     * the rest is read by {@link PreparedVariant#make()}, once the work has been admitted.
     */
    @Override
    public PreparedVariant prepare(InputStream source, long sourceBytes, VariantSpec spec) {
        RecordingInputStream recording = new RecordingInputStream(source);
        JavaPreparedVariant plan = java.prepare(recording, sourceBytes, spec);
        byte[] head = recording.stopRecording();
        if (!VipsPreparedVariant.handles(plan, head)) {
            return plan;
        }
        if (scaledDecodeRoute && ScaledDecodeRoute.takes(plan, head)) {
            LOG.debug("variant {}: progressive JPEG at 1/{}, made by the java engine's scaled decoder",
                    spec.id(), plan.reduction());
            return plan;
        }
        plan.close();
        return new VipsPreparedVariant(vips, head, source, sourceBytes, plan, spec.quality(), limits);
    }

    /** The plan is the pure-Java engine's, which reads the header only. */
    @Override
    public ImageInfo plan(InputStream source, VariantSpec spec) {
        return java.plan(source, spec);
    }

    /** libvips writes AVIF too (of JPEG, PNG and WebP sources: GIF and BMP go to the java engine). */
    @Override
    public boolean writes(ImageFormat format) {
        return format.writable();
    }

    @Override
    public String describe() {
        return "vips (libvips " + vips.version() + "; GIF, BMP and CMYK by the java engine"
                + (scaledDecodeRoute ? "; small variants of progressive JPEGs by its scaled decoder" : "") + ")";
    }

    /** libvips' attention measure, as {@code gravity=smart} crops on this engine ({@link VipsAttention}). */
    @Override
    public Optional<Gravity> attention(int[] argb, int width, int height) {
        try {
            return Optional.of(attention.focus(argb, width, height));
        } catch (LibVips.VipsException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
