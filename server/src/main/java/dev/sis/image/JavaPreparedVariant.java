package dev.sis.image;

import dev.sis.config.ImageLimits;
import dev.sis.errors.InvalidInputException;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A variant the pure-Java engine has planned: the source header has been read and the budgets
 * have passed; it knows how much memory making it will take ({@link #memoryBytes()}) before a
 * pixel is decoded. The native engine plans with it too. Not thread-safe; close it (it holds
 * the source's reader).
 *
 * <p>Making it runs the pipeline: decode → orient → crop → rotate and flip → scale → pad → blur or
 * sharpen → flatten (for JPEG) → encode (each step of the {@link Transform} only when asked), frame by
 * frame for an animation, with the deadline checked between steps and frames.
 */
final class JavaPreparedVariant implements PreparedVariant {
    private final SourceImage source;
    private final VariantSpec spec;
    private final ImageFormat format;
    private final Geometry geometry;
    private final boolean mayBeAnimated;
    private final int subsampling;
    /** The DCT-domain shrink a JPEG is decoded with ({@link ShrinkOnLoad}), 1 for none. */
    private final int reduction;
    /** The shrink the last {@link #make()} decoded with: 1 when it went the usual way. */
    private int shrunkOnLoad = 1;
    private final long memoryBytes;
    private final ImageLimits limits;
    /** The server's watermark, when the spec asks for one. */
    private Watermark watermark;

    JavaPreparedVariant(SourceImage source, VariantSpec spec, ImageLimits limits, long sourceBytes) {
        this.source = source;
        this.spec = spec;
        this.limits = limits;
        if (source.pixels() > limits.maxSourcePixels()) {
            throw new OverBudgetException("the image has " + source.pixels()
                    + " pixels, over this server's limit of " + limits.maxSourcePixels());
        }
        Transform.Crop crop = spec.transform().crop();
        if (crop != null && !crop.within(source.displayedWidth(), source.displayedHeight())) {
            throw new InvalidInputException("crop must lie within the image, which is " + source.displayedWidth()
                    + "×" + source.displayedHeight() + " as displayed; crop=" + crop.x() + "," + crop.y() + ","
                    + crop.width() + "," + crop.height() + " does not");
        }
        this.geometry = Geometry.plan(source.displayedWidth(), source.displayedHeight(), spec);
        long outputPixels = Math.max(geometry.scaledPixels(), geometry.pixels());
        if (outputPixels > limits.maxOutputPixels()) {
            throw new OverBudgetException("the variant would have " + outputPixels
                    + " pixels, over this server's limit of " + limits.maxOutputPixels());
        }
        this.format = spec.outputFormat(source.format);
        if (Math.max(geometry.width(), geometry.height()) > maxSide(format)) {
            throw new OverBudgetException("a " + format.urlName() + " image cannot be wider or higher than "
                    + maxSide(format) + " pixels");
        }
        // A GIF made from a GIF may be an animation; its frames are counted once the decode is
        // admitted (that walks the whole file), and the memory is estimated as for one meanwhile.
        this.mayBeAnimated = format == ImageFormat.GIF && source.format == ImageFormat.GIF;
        // A crop needs the region at full resolution; a rotation is undone to size the decode.
        Geometry decoded = spec.transform().swapsAxes() ? geometry.swapped() : geometry;
        boolean whole = crop == null;
        this.subsampling = source.format == ImageFormat.GIF || !whole ? 1
                : Decode.subsampling(source.width, source.height, source.orientation, decoded);
        int shrink = source.format == ImageFormat.JPEG && whole
                ? ShrinkOnLoad.reduction(source.width, source.height, source.orientation, decoded) : 1;
        long shrinkingBytes = shrink > 1 ? ShrinkOnLoad.workingBytes(source, shrink) : -1;
        // Shrunk on load only when its working memory is known: the decode gate admits by the
        // estimate, and a decode it did not count must not run (the usual way's is always counted).
        this.reduction = shrinkingBytes < 0 ? 1 : shrink;
        this.memoryBytes = estimate(sourceBytes, shrinkingBytes);
    }

    /**
     * The watermark the spec's {@link WatermarkSpec} names.
     *
     * @throws IllegalStateException when the spec asks for another watermark file than this
     *                               server's (its hash differs) or the server has none
     */
    JavaPreparedVariant watermarkedWith(Watermark watermark) {
        WatermarkSpec wanted = spec.watermark();
        if (wanted != null && (watermark == null || !watermark.hash().equals(wanted.fileHash()))) {
            close();
            throw new IllegalStateException("the variant " + spec.id() + " needs the watermark file "
                    + wanted.fileHash() + ", which this server does not have");
        }
        this.watermark = watermark;
        return this;
    }

    Watermark watermark() {
        return watermark;
    }

    /** How the spec asks for the variant to be watermarked, or null. */
    WatermarkSpec watermarkSpec() {
        return spec.watermark();
    }

    ImageFormat sourceFormat() {
        return source.format;
    }

    int displayedWidth() {
        return source.displayedWidth();
    }

    int displayedHeight() {
        return source.displayedHeight();
    }

    VariantSpec spec() {
        return spec;
    }

    ImageFormat outputFormat() {
        return format;
    }

    Geometry geometry() {
        return geometry;
    }

    /** One frame of the source, as stored (a GIF's canvas). */
    long sourcePixels() {
        return source.pixels();
    }

    Gravity gravity() {
        return spec.gravity();
    }

    /**
     * The heap making this variant takes at most, estimated: the encoded source (buffered while
     * it is read), the decoded pixels with the reader's own copy and the upright copy, the
     * resampler's intermediate and the output, 4 bytes a pixel each; for a GIF that may be an
     * animation, the canvas and a saved copy of it instead of the decoded frame. A JPEG shrunk on
     * load also holds a copy of the file and the scaled decoder's planes (a progressive one, every
     * block's coefficients); the larger of both estimates is taken, as it may still go the usual way.
     */
    @Override
    public long memoryBytes() {
        return memoryBytes;
    }

    /** {@code shrinkingBytes}: the scaled decoder's working memory, or -1 when not shrunk on load. */
    private long estimate(long sourceBytes, long shrinkingBytes) {
        long decoded = (long) ceilDiv(source.width, subsampling) * ceilDiv(source.height, subsampling);
        long working = mayBeAnimated ? 4 * 4 * source.pixels() : 3 * 4 * decoded;
        long scaled = (spec.watermark() == null ? 3 : 5) * 4 * Math.max(geometry.scaledPixels(), geometry.pixels());
        Transform t = spec.transform();
        // blur and sharpen hold two more copies of the output (a pass's result and the blurred one)
        long effects = t.blurTenths() != 0 || t.sharpenTenths() != 0 ? 2 * 4 * geometry.pixels() : 0;
        long usual = Math.max(0, sourceBytes) + working + scaled + effects;
        return shrinkingBytes < 0 ? usual : Math.max(usual, 2 * Math.max(0, sourceBytes) + shrinkingBytes + scaled);
    }

    /**
     * Makes the variant. It reads the whole file first, checking what the header could not tell:
     * the structure ({@link StructureCheck}) and an animation's frames; then it decodes, reading
     * through a stream that fails once the deadline has passed, so the decoder stops there.
     *
     * @throws UnsupportedImageException when the image data is broken or truncated
     * @throws OverBudgetException       when the file is over a budget or the decode deadline passes
     */
    @Override
    public EncodedImage make() {
        if (format == ImageFormat.AVIF) {
            // Refused before any decoding: the JDK and TwelveMonkeys have no AV1 encoder.
            throw new UnsupportedImageException("format=avif needs libvips: the java engine cannot write AVIF"
                    + (source.format == ImageFormat.GIF || source.format == ImageFormat.BMP
                    ? " (and " + source.format.urlName() + " sources always go to the java engine)" : ""));
        }
        if (!source.decodable()) {
            // Refused before any decoding: there is no pure-Java HEVC or AV1 decoder.
            throw new UnsupportedImageException("a variant of a " + source.format.urlName()
                    + " image needs libvips (--image-engine vips), as JPEG, PNG, WebP or AVIF: the java engine cannot"
                    + " decode HEIC, HEIF or AVIF");
        }
        Deadline deadline = Deadline.after(limits.decodeTimeout());
        source.stopAt(deadline);
        List<FrameStep> steps = steps(deadline);
        refuseAnimatedWebp();
        try {
            source.checkStructure();
            int frames = frames();
            if (frames > 1) {
                return new EncodedImage(animation(frames, steps, deadline), format);
            }
            BufferedImage frame = decode(deadline);
            for (FrameStep step : steps) {
                frame = step.apply(frame);
                deadline.check();
            }
            return new EncodedImage(Encoder.encode(frame, format, spec.quality()), format);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OverBudgetException over) {
                throw over;
            }
            if (deadline.passed()) {
                throw deadline.exceeded();
            }
            throw new UnsupportedImageException("the " + source.format.urlName() + " image data is broken or truncated", e);
        }
    }

    /**
     * An animated WebP needs libvips: ImageIO has no animated WebP writer, and a first frame alone
     * would silently drop the animation.
     */
    private void refuseAnimatedWebp() {
        if (format != ImageFormat.WEBP) {
            return;
        }
        boolean animated;
        try {
            animated = source.format == ImageFormat.GIF ? source.countFrames(2) > 1
                    : source.format == ImageFormat.WEBP && Animations.animatedWebp(source.head(64));
        } catch (IOException e) {
            throw new UnsupportedImageException("the " + source.format.urlName() + " image data is broken or truncated", e);
        }
        if (animated) {
            throw new UnsupportedImageException("an animated webp needs libvips (--image-engine vips): the java engine "
                    + "writes WebP one frame only");
        }
    }

    /** The first frame: shrunk on load when it is a JPEG the scaled decoder takes, else the usual way. */
    private BufferedImage decode(Deadline deadline) throws IOException {
        if (reduction > 1) {
            Optional<BufferedImage> shrunk = ShrinkOnLoad.decode(source, reduction, limits, deadline);
            if (shrunk.isPresent()) {
                shrunkOnLoad = reduction;
                return shrunk.get();
            }
        }
        shrunkOnLoad = 1;
        return Decode.firstFrame(source, subsampling, deadline);
    }

    /** The DCT-domain shrink a JPEG source is to be decoded with ({@link ShrinkOnLoad}): 1 for none. */
    int reduction() {
        return reduction;
    }

    /** The DCT-domain shrink the last {@link #make()} decoded with (1: none); what tests see of the hook. */
    int shrunkOnLoad() {
        return shrunkOnLoad;
    }

    /**
     * The variant's frames: a GIF made from a GIF has its frames counted (a walk over the whole
     * file), within the animation budgets; anything else has 1.
     *
     * @throws OverBudgetException when the animation is over a budget
     */
    int frames() {
        if (!mayBeAnimated) {
            return 1;
        }
        int frames = source.countFrames(limits.maxAnimationFrames());
        if (frames > limits.maxAnimationFrames()) {
            throw new OverBudgetException("the animation has more than " + limits.maxAnimationFrames()
                    + " frames, this server's limit");
        }
        if (frames * source.pixels() > limits.maxAnimationPixels()) {
            throw new OverBudgetException("the animation has " + frames + " frames of " + source.pixels()
                    + " pixels, over this server's limit of " + limits.maxAnimationPixels() + " pixels in all");
        }
        return frames;
    }

    private byte[] animation(int frames, List<FrameStep> steps, Deadline deadline) throws IOException {
        AbortOnDeadline abort = new AbortOnDeadline(deadline);
        GifAnimationReader reader = new GifAnimationReader(source.reader, source.width, source.height, abort);
        try (GifAnimationWriter writer = new GifAnimationWriter(reader.loopCount())) {
            for (int i = 0; i < frames; i++) {
                GifAnimationReader.Frame frame = reader.next();
                deadline.check();
                BufferedImage image = frame.image();
                for (FrameStep step : steps) {
                    image = step.apply(image);
                    deadline.check();
                }
                writer.add(image, frame.delayCentiseconds());
                deadline.check();
            }
            return writer.finish();
        }
    }

    /** The ordered steps between decode and encode. */
    private List<FrameStep> steps(Deadline deadline) {
        List<FrameStep> steps = new ArrayList<>(3);
        Transform t = spec.transform();
        steps.add(new Orient(source.orientation));
        if (t.crop() != null) {
            steps.add(new CropRegion(t.crop()));
        }
        if (t.rotate() != 0 || t.flip() != Transform.Flip.NONE) {
            steps.add(new RotateFlip(t.rotate(), t.flip()));
        }
        steps.add(new Scale(geometry, spec.gravity().kind() == Gravity.Kind.SMART));
        if (geometry.pads()) {
            steps.add(new Pad(geometry, t.background() != null ? t.background() : Pad.defaultBackground(format)));
        }
        if (t.blurTenths() != 0 || t.sharpenTenths() != 0) {
            steps.add(new Effects(Transform.sigma(t.blurTenths()), Transform.sigma(t.sharpenTenths()), deadline));
        }
        // after the effects: the mark itself is never blurred or sharpened
        if (spec.watermark() != null) {
            steps.add(new ApplyWatermark(watermark, spec.watermark()));
        }
        if (format == ImageFormat.JPEG) {
            steps.add(new Flatten());
        }
        return steps;
    }

    /**
     * The largest side a format can hold: JPEG's and GIF's headers have 16 bits for it (the JDK's
     * JPEG writer stops at 65,500; its GIF writer would silently write a broken header); libwebp
     * stops at 16,383.
     */
    private static int maxSide(ImageFormat format) {
        return switch (format) {
            case JPEG -> 65_500;
            case GIF -> 65_535;
            case WEBP -> 16_383;
            case AVIF -> 65_536; // AV1's frame size fields are 16 bits, minus one
            default -> Integer.MAX_VALUE;
        };
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() {
        source.close();
    }
}
