package dev.sis.service;

import dev.sis.cache.CacheKey;
import dev.sis.cache.ImageCache;
import dev.sis.config.UploadLimits;
import dev.sis.errors.NotFoundException;
import dev.sis.errors.SisException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.DecodeGate;
import dev.sis.image.EncodedImage;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageFormat;
import dev.sis.image.ImageInfo;
import dev.sis.image.ImageProbe;
import dev.sis.image.PreparedVariant;
import dev.sis.image.VariantSpec;
import dev.sis.metrics.SisMetrics;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.InMemoryFile;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol-free core, in three pieces and the uploads: {@link Originals} (cache first, one
 * read per miss), {@link Variants} (cache → stored → made once → answered, then stored) and
 * {@link Catalog} (names, info, deletes). The legacy routes and /v1 are thin adapters over it;
 * server and agent modes are this service over different stores. Thread-safe;
 * {@link #close()} lets the variants still being stored finish.
 */
public final class ImageService implements AutoCloseable {
    private final ImageStore store;
    private final ImageCache cache;
    private final ImageEngine engine;
    private final UploadLimits uploadLimits;
    private final VariantIntake intake;
    private final Originals originals;
    private final Variants variants;
    private final Catalog catalog;
    private final Counter bytesStored;
    private final UploadMemory uploadMemory;
    private final Analyses analyses;
    private final PostUploadQueue postUpload;

    /** @param meters where the service records variants made (with their durations) and bytes stored */
    public ImageService(ImageStore store, ImageCache cache, ImageEngine engine, DecodeGate decodeGate,
                        UploadLimits uploadLimits, MeterRegistry meters) {
        this.store = store;
        this.cache = cache;
        this.engine = engine;
        this.uploadLimits = uploadLimits;
        this.intake = new VariantIntake(store, engine);
        this.originals = new Originals(store, cache);
        this.variants = new Variants(store, cache, engine, decodeGate, originals, meters);
        this.catalog = new Catalog(store, cache);
        this.bytesStored = Counter.builder("sis.stored").baseUnit("bytes").description("bytes of originals stored by uploads")
                .register(meters);
        this.uploadMemory = new UploadMemory(uploadLimits.memoryBytes(), meters);
        this.analyses = new Analyses(store, engine, decodeGate, meters);
        this.postUpload = new PostUploadQueue(PostUploadQueue.QUEUE, meters);
    }

    /** Each image's focal point, BlurHash and dominant colour, made in the background after upload. */
    public Analyses analyses() {
        return analyses;
    }

    /**
     * Queues what follows the upload of each of {@code uploaded}: its analysis (images only),
     * then {@code then} (the eager presets, which may use the analysis's focal point; may be
     * {@code null}). Returns at once.
     */
    public void afterUpload(List<StoredImage> uploaded, Consumer<Md5> then) {
        List<Md5> images = uploaded.stream().map(StoredImage::md5).toList();
        Set<Md5> analysable = uploaded.stream().filter(image -> image.info() != null)
                .map(StoredImage::md5).collect(Collectors.toSet());
        postUpload.submit(images, md5 -> {
            if (analysable.contains(md5)) {
                analyses.analyseQuietly(md5);
            }
            if (then != null) {
                then.accept(md5);
            }
        });
    }

    /** The queue {@link #afterUpload} fills: {@link PostUploadQueue#idle()} tells tests it is done. */
    public PostUploadQueue postUpload() {
        return postUpload;
    }

    /**
     * Starts an upload request; close the batch whatever happens.
     *
     * @throws dev.sis.errors.OverloadedException when the uploads in flight hold all their memory
     */
    public UploadBatch newUpload() {
        return new UploadBatch(store, cache, uploadLimits, uploadMemory, bytesStored);
    }

    /** Originals, cache first. */
    public Originals originals() {
        return originals;
    }

    /** Variants: cached, stored or made. */
    public Variants variants() {
        return variants;
    }

    /** Names, info and deletes. */
    public Catalog catalog() {
        return catalog;
    }

    /** The store itself, for the store routes that offer it to agents ({@code http.InternalRoutes}). */
    public ImageStore store() {
        return store;
    }

    /** Checks and stores the variants agents hand to this server. */
    public VariantIntake intake() {
        return intake;
    }

    /** As {@link Originals#get}. */
    public ImageContent original(Md5 md5, FileName name) {
        return originals.get(md5, name);
    }

    /** As {@link Variants#get}. */
    public ImageContent variant(Md5 md5, FileName name, VariantSpec spec) {
        return variants.get(md5, name, spec);
    }

    /** The entity tag of {@link #original}'s answer, known without reading anything: the MD5. */
    public static String originalTag(Md5 md5) {
        return Originals.tag(md5);
    }

    /** The entity tag of {@link #variant}'s answer, known without reading anything. */
    public static String variantTag(Md5 md5, VariantSpec spec) {
        return Variants.tag(md5, spec);
    }

    /** As {@link Originals#require}: for answering a client that already has the bytes. */
    public void requireImage(Md5 md5, FileName name) {
        originals.require(md5, name);
    }

    /** As {@link Catalog#info}. */
    public ImageDetails info(Md5 md5) {
        return catalog.info(md5);
    }

    /** As {@link Catalog#delete}. */
    public boolean delete(Md5 md5, FileName name) {
        return catalog.delete(md5, name);
    }

    /** How many variants this service has computed (not loaded) since start ({@code sis.variants.made}). */
    public long variantsMade() {
        return variants.madeCount();
    }

    /** Whether the engine can write variants in {@code format} (AVIF needs libvips). */
    public boolean canWrite(dev.sis.image.ImageFormat format) {
        return engine.writes(format);
    }

    /** The engine that makes variants, as the start-up log and {@code /readyz} name it. */
    public String imageEngine() {
        return engine.describe();
    }

    /** Whether the store can serve requests now. */
    public boolean isReady() {
        return store.isReady();
    }

    /** Whether this process should take traffic now, and why (see {@link Readiness}). */
    public Readiness readiness() {
        return new Readiness(store.isReady(), filesKeptUpstream(), cache.weightedSize());
    }

    /** Whether an upstream sis server keeps the files (agent mode). */
    public boolean filesKeptUpstream() {
        return store.keptUpstream();
    }

    /**
     * Lets the variants still being stored finish (a bounded wait), then empties the cache; call
     * once no request is served, before the store closes.
     */
    @Override
    public void close() {
        postUpload.close(); // before the variants: the eager ones it makes are stored by them
        variants.close();
        cache.clear(); // frees the cache's native memory: no request is served any more
    }
}
