package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.errors.UnsupportedImageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A variant libvips makes: the plan (sizes, formats, memory) is the pure-Java engine's, the pixels
 * are libvips'. One native call decodes (shrinking on load), turns upright, converts to sRGB,
 * runs the {@link Transform} in the pure-Java engine's order ({@link VipsSteps}), scales to the
 * planned size, crops where the gravity says when the fit covers (for {@code smart}, where
 * libvips' attention measure says), pads when the fit pads, flattens on white for JPEG,
 * and encodes without metadata. Not thread-safe; holds the file's head, and its stream for the rest,
 * until closed.
 *
 * <p>The native call stops at the deadline ({@link VipsDeadlines}): the decoder's input ends, the
 * computation is killed at its next tile, and the variant is refused (422) like one the pure-Java
 * engine gave up on.
 */
final class VipsPreparedVariant implements PreparedVariant {
    private static final Logger LOG = LoggerFactory.getLogger(VipsPreparedVariant.class);

    private final LibVips vips;
    private byte[] head;
    private InputStream rest;
    /** The file's length as its store says, or 0 or less when unknown. */
    private final long sourceBytes;
    private final ImageFormat sourceFormat;
    private final ImageFormat format;
    private final VipsSteps steps;
    /** The size libvips loads the source at, before {@link #steps}. */
    private final int[] load = new int[2];
    private final long memoryBytes;
    /** One frame of the source (a GIF's canvas), for the animation budget. */
    private final long sourcePixels;
    private final int quality;
    private final ImageLimits limits;
    /** What libvips lays over the variant (the watermark), or null. */
    private final LibVips.Overlay overlay;

    /**
     * @param head the first bytes of the file, as far as its header was read
     * @param rest the rest of the file, read by {@link #make()} (not closed)
     * @param sourceBytes the whole file's length, or 0 when unknown: the file is then read into one
     *                    array of that length, without a copy of the rest and a join
     */
    VipsPreparedVariant(LibVips vips, byte[] head, InputStream rest, long sourceBytes, JavaPreparedVariant plan,
                        int quality, ImageLimits limits) {
        this.vips = vips;
        this.head = head;
        this.rest = rest;
        this.sourceBytes = sourceBytes;
        this.sourceFormat = plan.sourceFormat();
        this.format = plan.outputFormat();
        this.steps = VipsSteps.of(plan.spec().transform(), plan.geometry(), plan.spec().gravity(), plan.displayedWidth(),
                plan.displayedHeight(), format, load);
        this.memoryBytes = plan.memoryBytes();
        this.sourcePixels = plan.sourcePixels();
        this.quality = quality;
        this.limits = limits;
        this.overlay = overlay(plan);
    }

    /** The watermark resized, at its opacity and place, when the plan asks for one. */
    private static LibVips.Overlay overlay(JavaPreparedVariant plan) {
        WatermarkSpec spec = plan.watermarkSpec();
        if (spec == null) {
            return null;
        }
        Geometry g = plan.geometry();
        java.awt.Rectangle at = plan.watermark().placement(g.width(), g.height(), spec);
        return new LibVips.Overlay(plan.watermark().rgbaAt(at, spec.opacity()), at.x, at.y, at.width, at.height);
    }

    /**
     * Whether libvips makes this variant: still JPEG, PNG or WebP in and out. CMYK and YCCK JPEGs
     * (libvips would use its own CMYK profile where sis uses Photoshop's inversion formula) and
     * grey images with an ICC profile (sis keeps grey samples as display levels whatever profile
     * they carry) stay with the pure-Java engine, so that both engines give the same colours.
     *
     * @param source the file's head: as far as its header was read, which includes its frame
     *               header and, for a JPEG or a PNG, any ICC profile (it comes before the pixels)
     */
    static boolean handles(JavaPreparedVariant plan, byte[] source) {
        if (plan.sourceFormat() == ImageFormat.GIF && plan.outputFormat() == ImageFormat.WEBP) {
            return true; // an animated WebP: libvips keeps every frame and its delay, under every step
        }
        if (!nativeSource(plan.sourceFormat()) || !nativeOutput(plan.outputFormat())) {
            return false;
        }
        if (plan.sourceFormat() == ImageFormat.JPEG) {
            JpegHead jpeg = JpegHead.read(source);
            boolean cmyk = jpeg.components() == 4;
            boolean greyWithProfile = jpeg.components() == 1 && jpeg.iccProfile() != null;
            return !cmyk && !greyWithProfile;
        }
        boolean grey = plan.sourceFormat() == ImageFormat.PNG
                && source.length > 25 && (source[25] == 0 || source[25] == 4); // IHDR colour type
        return !(grey && EmbeddedIcc.present(plan.sourceFormat(), source));
    }

    private static boolean nativeFormat(ImageFormat format) {
        return format == ImageFormat.JPEG || format == ImageFormat.PNG || format == ImageFormat.WEBP;
    }

    /** HEIC, HEIF and AVIF sources are read by libvips (libheif) only. */
    private static boolean nativeSource(ImageFormat format) {
        return nativeFormat(format) || format.heif();
    }

    /** AVIF is written by libvips only: the pure-Java engine has no AV1 encoder. */
    private static boolean nativeOutput(ImageFormat format) {
        return nativeFormat(format) || format == ImageFormat.AVIF;
    }

    @Override
    public long memoryBytes() {
        return memoryBytes;
    }

    /**
     * Reads the rest of the file, checks its structure ({@link StructureCheck}), then makes the
     * variant in one libvips call that stops once the deadline has passed ({@link VipsDeadlines}).
     */
    @Override
    public EncodedImage make() {
        if (head == null) {
            throw new IllegalStateException("closed");
        }
        Deadline deadline = Deadline.after(limits.decodeTimeout());
        byte[] source = wholeFile();
        StructureCheck.checkWhole(sourceFormat, limits, source);
        boolean animation = format == ImageFormat.WEBP
                && (sourceFormat == ImageFormat.GIF || Animations.animatedWebp(source));
        if (animation) {
            int frames = Animations.frames(sourceFormat, source, limits.maxAnimationFrames());
            // every frame is held as loaded, as resized and as saved: the budget counts the largest
            Animations.check(frames, Math.max(sourcePixels, steps.framePixels(load[0], load[1])), limits);
            animation = frames > 1;
        }
        byte[] bytes;
        try {
            // As the pure-Java engine: a truncated JPEG shows what it has, grey below; a truncated
            // PNG or WebP is refused.
            bytes = vips.thumbnail(new VipsJob(source, load[0], load[1], steps, sourceFormat != ImageFormat.JPEG,
                    EmbeddedIcc.toConvert(sourceFormat, source), animation, saveSuffix(), overlay, deadline));
        } catch (LibVips.VipsException e) {
            deadline.check();
            LOG.info("{}", e.getMessage());
            throw new UnsupportedImageException("the " + sourceFormat.urlName() + " image data is broken or truncated", e);
        }
        deadline.check();
        return new EncodedImage(format == ImageFormat.WEBP ? WebpMetadata.strip(bytes) : bytes, format);
    }

    /**
     * The head and the rest in one array. When the length is known, the rest is read straight into
     * its place: one array of the file's size, where the rest's own array and then the join made
     * two (1.4 MB per cold variant of a 0.7 MB JPEG). A file shorter or longer than its store
     * said is still read exactly.
     */
    private byte[] wholeFile() {
        try {
            if (sourceBytes <= head.length || sourceBytes > Integer.MAX_VALUE - 8) {
                return joined(head, rest.readAllBytes());
            }
            byte[] whole = Arrays.copyOf(head, (int) sourceBytes);
            int end = head.length + rest.readNBytes(whole, head.length, whole.length - head.length);
            if (end < whole.length) {
                return Arrays.copyOf(whole, end);
            }
            byte[] more = rest.readAllBytes();
            return more.length == 0 ? whole : joined(whole, more);
        } catch (IOException e) {
            throw new UnsupportedImageException("the file could not be read as an image", e);
        }
    }

    private static byte[] joined(byte[] first, byte[] second) {
        byte[] whole = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, whole, first.length, second.length);
        return whole;
    }

    /**
     * How libvips writes the format, as sis's pure-Java encoder does: no metadata ({@code strip}),
     * JPEG baseline 4:2:0 at the quality on white, PNG in 8 bits, WebP lossy at the quality, AVIF
     * lossy at the quality (8 bits, libheif's AV1 encoder).
     */
    private String saveSuffix() {
        return switch (format) {
            case JPEG -> ".jpg[Q=" + quality + ",strip,subsample_mode=on,background=255]";
            case PNG -> ".png[strip,bitdepth=8]";
            case WEBP -> ".webp[Q=" + quality + ",strip]";
            // AV1 in a HEIF container, 8 bits; effort trades encoding time for bytes (--avif-effort)
            case AVIF -> ".avif[Q=" + quality + ",strip,bitdepth=8,effort=" + limits.avifEffort() + "]";
            default -> throw new IllegalStateException("libvips is not asked to write " + format);
        };
    }

    @Override
    public void close() {
        head = null;
        rest = null;
    }
}
