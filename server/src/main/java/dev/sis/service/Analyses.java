package dev.sis.service;

import dev.sis.storage.Blob;
import dev.sis.client.Fit;
import dev.sis.image.DecodeGate;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.sis.errors.InvalidInputException;
import dev.sis.errors.NotFoundException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.EncodedImage;
import dev.sis.image.Gravity;
import dev.sis.image.ImageAnalysis;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageFormat;
import dev.sis.image.PreparedVariant;
import dev.sis.image.VariantSpec;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.OpenedFile;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each uploaded image's {@link ImageAnalysis}, made in the background after its upload and kept
 * beside it as a sidecar: the reserved variant {@link #KEY} ({@code analysis/image.json}), so that
 * every store keeps it as it keeps variants (local disk, S3, an agent's server) and a delete takes
 * it away with the image.
 *
 * <p>A sidecar is never rewritten (no store rewrites a variant): a corrected focal point
 * ({@link #correctFocal}) is the next generation, {@code analysis-1}, {@code analysis-2}…, and
 * the last one present is the image's analysis. {@code gravity=focal} and {@code auto} look the
 * point up through a memory of {@value #REMEMBER_SECONDS} s, so that a cover request does not
 * read the store each time; another instance's correction shows here within that time.
 *
 * <p>Made on the {@link PostUploadQueue} (first among what follows an upload), never holding up
 * an upload's answer. The small copy it works from is made by the engine through the decode
 * gate, under the same memory and pixel budgets as any variant.
 */
public final class Analyses {
    /** The sidecar's name among the image's variants: never a variant id ({@link VariantSpec#parseId}). */
    public static final VariantKey KEY = new VariantKey("analysis", "json");
    /** How many corrections an image may have: each one adds a sidecar, and reading walks them all. */
    public static final int MAX_CORRECTIONS = 20;
    static final int REMEMBER_SECONDS = 5;
    private static final Pattern SIDECAR = Pattern.compile("analysis(?:-([1-9][0-9]?))?");
    private static final Logger LOG = LoggerFactory.getLogger(Analyses.class);
    private static final VariantSpec SMALL_COPY =
            new VariantSpec(ImageAnalysis.SIDE, ImageAnalysis.SIDE, Fit.INSIDE, ImageFormat.PNG, 100);

    private final ImageStore store;
    private final ImageEngine engine;
    private final DecodeGate decodeGate;
    private final Counter made;
    private final Cache<Md5, Optional<Gravity>> focalPoints = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(REMEMBER_SECONDS)).maximumSize(10_000).build();

    /** @param meters where each analysis made and stored is counted ({@code sis.analyses.made}) */
    Analyses(ImageStore store, ImageEngine engine, DecodeGate decodeGate, MeterRegistry meters) {
        this.store = store;
        this.engine = engine;
        this.decodeGate = decodeGate;
        this.made = Counter.builder("sis.analyses.made")
                .description("image analyses (focal point, BlurHash, dominant colour) made and stored by this process")
                .register(meters);
    }

    /** The sidecar of generation {@code n}: 0 is the analysis made after upload, then each correction. */
    static VariantKey key(int generation) {
        return generation == 0 ? KEY : new VariantKey("analysis-" + generation, "json");
    }

    /** Whether {@code key} names a sidecar (of any generation) rather than a variant. */
    public static boolean isSidecar(VariantKey key) {
        return key.extension().equals("json") && SIDECAR.matcher(key.id()).matches();
    }

    /** The image's analysis, once made (with the last correction); empty before, or when the image has none. */
    public Optional<ImageAnalysis> find(Md5 md5) {
        return latest(md5).analysis();
    }

    /** The last sidecar's analysis, and the generation after it. */
    private record Latest(Optional<ImageAnalysis> analysis, int nextGeneration) {
    }

    private Latest latest(Md5 md5) {
        Optional<ImageAnalysis> found = Optional.empty();
        int generation = 0;
        for (; generation <= MAX_CORRECTIONS; generation++) {
            Optional<ImageAnalysis> sidecar = read(md5, key(generation));
            if (sidecar.isEmpty()) {
                break;
            }
            found = sidecar;
        }
        return new Latest(found, generation);
    }

    private Optional<ImageAnalysis> read(Md5 md5, VariantKey key) {
        try {
            Optional<StoredFile> sidecar = store.variant(md5, key);
            if (sidecar.isEmpty() || sidecar.get().size() > ImageAnalysis.MAX_SIDECAR_BYTES) {
                return Optional.empty();
            }
            return ImageAnalysis.parse(sidecar.get().readAll());
        } catch (java.nio.file.NoSuchFileException removed) {
            return Optional.empty();
        } catch (IOException e) {
            throw StoreFailures.reading("reading an image's analysis", e);
        }
    }

    /**
     * {@code spec} with {@code gravity=focal} or {@code auto} replaced by the image's focal point
     * (the centre when it has none yet), so that the variant's id, ETag and keys name the point
     * used: a corrected point makes another variant, never a stale one. Other specs are returned.
     */
    public VariantSpec resolve(Md5 md5, VariantSpec spec) {
        if (!spec.gravity().needsFocalPoint()) {
            return spec;
        }
        return withFocal(spec, focalPoints.get(md5, m -> find(m).map(ImageAnalysis::focal)));
    }

    /**
     * As {@link #resolve}, on a thread that must not wait: {@link WouldWait} when the spec needs a
     * focal point that is not in memory yet (reading it may be a network round trip).
     */
    public VariantSpec resolveWithoutWaiting(Md5 md5, VariantSpec spec) {
        if (!spec.gravity().needsFocalPoint()) {
            return spec;
        }
        Optional<Gravity> focal = focalPoints.getIfPresent(md5);
        if (focal == null) {
            throw WouldWait.INSTANCE;
        }
        return withFocal(spec, focal);
    }

    /** {@code spec} centred on {@code focal}, or on the centre when the image has none. */
    private static VariantSpec withFocal(VariantSpec spec, Optional<Gravity> focal) {
        return spec.withGravity(spec.gravity().resolve(focal.orElse(null)));
    }

    /**
     * Stores {@code point} as the image's focal point: the next sidecar generation, with the
     * BlurHash and colour of the last one (made now when there is none yet).
     *
     * @return the analysis now in force
     * @throws NotFoundException     when no image has that MD5
     * @throws InvalidInputException when the image is not one sis can analyse, or has been
     *                               corrected {@value #MAX_CORRECTIONS} times
     */
    public ImageAnalysis correctFocal(Md5 md5, Gravity point) {
        try {
            if (!store.exists(md5)) {
                throw new NotFoundException("no image with md5 " + md5);
            }
            Latest latest = latest(md5);
            if (latest.analysis().isEmpty()) {
                analyse(md5);
                latest = latest(md5);
            }
            ImageAnalysis corrected = latest.analysis()
                    .orElseThrow(() -> new NotFoundException("no image with md5 " + md5)).withFocal(point);
            for (int generation = latest.nextGeneration(); generation <= MAX_CORRECTIONS; generation++) {
                if (store.putVariant(md5, key(generation), Blob.of(corrected.toJson()))) {
                    focalPoints.put(md5, Optional.of(point));
                    return corrected;
                }
                if (!store.exists(md5)) {
                    throw new NotFoundException("no image with md5 " + md5); // deleted meanwhile
                }
                Optional<ImageAnalysis> there = read(md5, key(generation));
                if (there.isEmpty()) {
                    throw new InvalidInputException("this server's store keeps no variants (an agent without the "
                            + "internal token): correct the focal point on its server");
                }
                if (there.get().equals(corrected)) {
                    // stored: an agent's server does not say whether a variant was new, so a put
                    // through an agent answers false even when it stored this very correction
                    focalPoints.put(md5, Optional.of(point));
                    return corrected;
                }
                // another correction took this generation: take the next
            }
            throw new InvalidInputException("the focal point of this image has been corrected " + MAX_CORRECTIONS
                    + " times, the most sis keeps; upload it again after deleting it to start afresh");
        } catch (UnsupportedImageException notAnImage) {
            throw new InvalidInputException("the file stored under this md5 is not an image sis can read");
        } catch (IOException e) {
            throw StoreFailures.translate("storing a focal point", e);
        }
    }

    /** {@link #analyse}, for the post-upload queue: a failure is logged, never thrown. */
    void analyseQuietly(Md5 md5) {
        try {
            analyse(md5);
        } catch (RuntimeException | IOException e) {
            // the image is stored and served all the same; it just has no analysis
            LOG.warn("image analysis of {} failed: {}", md5, e.toString());
        }
    }

    /** Makes and stores the analysis of {@code md5}, unless it has one; what it stored, or empty. */
    Optional<ImageAnalysis> analyse(Md5 md5) throws IOException {
        if (store.variant(md5, KEY).isPresent()) {
            return Optional.empty();
        }
        EncodedImage small;
        // any name: a store that cannot list names (an agent of a sis 2.0 server) opens it all the same
        try (DecodeGate.Place place = decodeGate.join();
             OpenedFile original = store.openAnyOriginal(md5).orElse(null);
             PreparedVariant prepared = original == null ? null
                     : engine.prepare(original.bytes(), original.file().size(), SMALL_COPY)) {
            if (prepared == null) {
                return Optional.empty(); // deleted meanwhile
            }
            small = place.run(prepared.memoryBytes(), prepared::make);
        }
        ImageAnalysis analysis = analysed(ImageIO.read(new ByteArrayInputStream(small.bytes())), md5);
        store.putVariant(md5, KEY, Blob.of(analysis.toJson()));
        made.increment();
        focalPoints.invalidate(md5);
        return Optional.of(analysis);
    }

    /**
     * The analysis of the small copy {@code image}, its focal point by the engine's own measure
     * where it has one (libvips' attention on the vips engine, as {@code gravity=smart} crops
     * there), else by sis's ({@link ImageAnalysis}); should the engine's measure fail, sis's.
     */
    private ImageAnalysis analysed(BufferedImage image, Md5 md5) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        ImageAnalysis analysis = ImageAnalysis.of(argb, w, h);
        try {
            return engine.attention(argb, w, h).map(analysis::withFocal).orElse(analysis);
        } catch (RuntimeException e) {
            LOG.warn("the engine's attention measure failed on {}, its focal point is sis's own: {}", md5, e.toString());
            return analysis;
        }
    }
}
