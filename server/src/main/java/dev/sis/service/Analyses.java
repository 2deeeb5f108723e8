package dev.sis.service;

import dev.sis.client.Fit;
import dev.sis.image.DecodeGate;
import dev.sis.image.EncodedImage;
import dev.sis.image.ImageAnalysis;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageFormat;
import dev.sis.image.PreparedVariant;
import dev.sis.image.VariantSpec;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each uploaded image's {@link ImageAnalysis}, made in the background after its upload and kept
 * beside it as a sidecar: the reserved variant {@link #KEY} ({@code analysis/image.json}), so that
 * every store keeps it as it keeps variants (local disk, S3, an agent's server) and a delete takes
 * it away with the image.
 *
 * <p>Bounded: one thread, {@value #QUEUE} uploads waiting; beyond that an analysis is dropped and
 * logged (the image has none until it is uploaded again), never holding up an upload's answer.
 * The small copy it works from is made by the engine through the decode gate, under the same
 * memory and pixel budgets as any variant.
 */
public final class Analyses implements AutoCloseable {
    /** The sidecar's name among the image's variants: never a variant id ({@link VariantSpec#parseId}). */
    public static final VariantKey KEY = new VariantKey("analysis", "json");
    static final int QUEUE = 64;
    private static final Logger LOG = LoggerFactory.getLogger(Analyses.class);
    private static final VariantSpec SMALL_COPY =
            new VariantSpec(ImageAnalysis.SIDE, ImageAnalysis.SIDE, Fit.INSIDE, ImageFormat.PNG, 100);

    private final ImageStore store;
    private final ImageEngine engine;
    private final DecodeGate decodeGate;
    private final ThreadPoolExecutor executor;

    Analyses(ImageStore store, ImageEngine engine, DecodeGate decodeGate) {
        this.store = store;
        this.engine = engine;
        this.decodeGate = decodeGate;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("sis-analysis").daemon(true).factory(),
                (task, full) -> LOG.warn("image analysis dropped: {} uploads are already waiting for one", QUEUE));
    }

    /** Queues the analysis of each image just uploaded that has none yet. */
    public void submit(List<StoredImage> uploaded) {
        for (StoredImage image : uploaded) {
            if (image.info() != null && !executor.isShutdown()) {
                executor.execute(() -> analyseQuietly(image.md5()));
            }
        }
    }

    /** The image's analysis, once made; empty before, or when the image has none. */
    public Optional<ImageAnalysis> find(Md5 md5) {
        try {
            Optional<StoredFile> sidecar = store.variant(md5, KEY);
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

    private void analyseQuietly(Md5 md5) {
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
        List<FileName> names = store.names(md5);
        Optional<StoredFile> original = names.isEmpty() ? Optional.empty() : store.original(md5, names.getFirst());
        if (original.isEmpty()) {
            return Optional.empty(); // deleted meanwhile
        }
        EncodedImage small;
        try (DecodeGate.Place place = decodeGate.join();
             InputStream in = original.get().open();
             PreparedVariant prepared = engine.prepare(in, original.get().size(), SMALL_COPY)) {
            small = place.run(prepared.memoryBytes(), prepared::make);
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(small.bytes()));
        int w = image.getWidth();
        int h = image.getHeight();
        ImageAnalysis analysis = ImageAnalysis.of(image.getRGB(0, 0, w, h, null, 0, w), w, h);
        store.putVariant(md5, KEY, analysis.toJson());
        return Optional.of(analysis);
    }

    /** Stops taking work; an analysis under way is abandoned (it is made again on the next upload). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
