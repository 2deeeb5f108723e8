package dev.sis.service;

import dev.sis.cache.CacheKey;
import dev.sis.cache.CachedImage;
import dev.sis.cache.ImageCache;
import dev.sis.config.UploadLimits;
import dev.sis.errors.NotFoundException;
import dev.sis.errors.SisException;
import dev.sis.errors.UnsupportedImageException;
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
import dev.sis.security.DecodeGate;
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
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol-free core: upload, find originals, make variants, describe images. The legacy
 * routes and /v1 are thin adapters over it; server and agent modes are this service over
 * different stores. Thread-safe.
 *
 * <p>Reads go cache → store; a variant not found in either is made once (concurrent requests
 * for it wait for the one computation, see {@link SingleFlight}), stored beside its original and
 * cached.
 */
public final class ImageService {
    private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);
    private final ImageStore store;
    private final ImageCache cache;
    private final ImageEngine engine;
    private final DecodeGate decodeGate;
    private final UploadLimits uploadLimits;
    private final VariantIntake intake;
    private final SingleFlight<CacheKey, ImageContent> variantsInFlight = new SingleFlight<>();
    private final SingleFlight<String, ImageContent> originalsInFlight = new SingleFlight<>();
    private final LongAdder variantsMade = new LongAdder();
    private final Timer variantTime;
    private final Counter bytesStored;
    private final UploadMemory uploadMemory;

    /** @param meters where the service records variants made (with their durations) and bytes stored */
    public ImageService(ImageStore store, ImageCache cache, ImageEngine engine, DecodeGate decodeGate,
                        UploadLimits uploadLimits, MeterRegistry meters) {
        this.store = store;
        this.cache = cache;
        this.engine = engine;
        this.decodeGate = decodeGate;
        this.uploadLimits = uploadLimits;
        this.intake = new VariantIntake(store, engine);
        this.variantTime = Timer.builder("sis.variants.made").description("variants computed (not loaded), and how long each took")
                .serviceLevelObjectives(SisMetrics.DURATION_BUCKETS).register(meters);
        this.bytesStored = Counter.builder("sis.stored").baseUnit("bytes").description("bytes of originals stored by uploads")
                .register(meters);
        this.uploadMemory = new UploadMemory(uploadLimits.memoryBytes(), meters);
    }

    /**
     * Starts an upload request; close the batch whatever happens.
     *
     * @throws dev.sis.errors.OverloadedException when the uploads in flight hold all their memory
     */
    public UploadBatch newUpload() {
        return new UploadBatch(store, cache, uploadLimits, uploadMemory, bytesStored);
    }

    /**
     * The original of {@code md5}: under {@code name}, or under any of its names when
     * {@code name} is null.
     *
     * @throws NotFoundException when there is none
     */
    public ImageContent original(Md5 md5, FileName name) {
        CachedImage cached = cache.get(CacheKey.original(md5.hex()));
        if (cached != null) {
            requireOriginal(md5, name);
            return new ImageContent(md5, cached.format(), originalTag(md5), new InMemoryFile(cached.bytes()));
        }
        // Concurrent misses of one original read it once (on an agent: one download from the
        // server, however many clients asked for a popular new image at once).
        return originalsInFlight.run(md5.hex() + "/" + (name == null ? "" : name.value()),
                () -> loadOriginal(md5, name));
    }

    private ImageContent loadOriginal(Md5 md5, FileName name) {
        // The store is read anyway, and that read is the existence check: on an agent each
        // lookup is a round trip to the server.
        StoredFile file = originalFromStore(md5, name);
        if (!fitsCache(file.size())) {
            return new ImageContent(md5, sniff(file), originalTag(md5), file);
        }
        byte[] bytes = readAll(file);
        ImageFormat format = ImageFormat.sniff(bytes, bytes.length).orElse(null);
        cache.put(CacheKey.original(md5.hex()), new CachedImage(bytes, format));
        return new ImageContent(md5, format, originalTag(md5), new InMemoryFile(bytes));
    }

    /**
     * A variant of the original of {@code md5} (its {@code name}, or any name when null).
     *
     * @throws NotFoundException                       when there is no such original
     * @throws UnsupportedImageException               when it is not a decodable image
     * @throws dev.sis.errors.OverBudgetException     when over a pixel budget
     * @throws dev.sis.errors.OverloadedException     when too many decodes are queued
     */
    public ImageContent variant(Md5 md5, FileName name, VariantSpec spec) {
        CacheKey key = CacheKey.variant(md5.hex(), spec.id());
        String etag = variantTag(md5, spec);
        CachedImage cached = cache.get(key);
        if (cached != null) {
            requireOriginal(md5, name);
            return new ImageContent(md5, cached.format(), etag, new InMemoryFile(cached.bytes()));
        }
        // A miss reads the original from the store first, which checks that it exists.
        return variantsInFlight.run(key, () -> loadOrMakeVariant(md5, name, spec, key, etag));
    }

    /** The entity tag of {@link #original}'s answer, known without reading anything: the MD5. */
    public static String originalTag(Md5 md5) {
        return md5.hex();
    }

    /** The entity tag of {@link #variant}'s answer, known without reading anything. */
    public static String variantTag(Md5 md5, VariantSpec spec) {
        return md5.hex() + "-" + spec.id();
    }

    /**
     * Checks that the original exists (under {@code name}, or any name when null), as every read
     * does before serving: for answering a client that already has the bytes.
     *
     * @throws NotFoundException when there is none
     */
    public void requireImage(Md5 md5, FileName name) {
        requireOriginal(md5, name);
    }

    /**
     * The original of {@code md5} (any name), only if it is in the memory cache: for answering
     * cache hits early. Empty on a miss, with nothing counted; the existence check of
     * {@link #original} still comes first.
     *
     * @throws NotFoundException when there is no such original
     */
    public Optional<ImageContent> cachedOriginal(Md5 md5) {
        return cached(md5, CacheKey.original(md5.hex()), md5.hex());
    }

    /** As {@link #cachedOriginal}, for a variant: {@link #variant} when it is cached. */
    public Optional<ImageContent> cachedVariant(Md5 md5, VariantSpec spec) {
        return cached(md5, CacheKey.variant(md5.hex(), spec.id()), variantTag(md5, spec));
    }

    private Optional<ImageContent> cached(Md5 md5, CacheKey key, String etag) {
        if (cache.peek(key) == null) {
            return Optional.empty();
        }
        requireOriginal(md5, null);
        CachedImage cached = cache.get(key);
        return cached == null ? Optional.empty()
                : Optional.of(new ImageContent(md5, cached.format(), etag, new InMemoryFile(cached.bytes())));
    }

    private ImageContent loadOrMakeVariant(Md5 md5, FileName name, VariantSpec spec, CacheKey key, String etag) {
        StoredFile original = originalFromStore(md5, name);
        ImageFormat sourceFormat = sniff(original);
        if (sourceFormat == null) {
            throw new UnsupportedImageException("the stored file is not an image, so it has no variants");
        }
        ImageFormat outputFormat = spec.outputFormat(sourceFormat);
        VariantKey variantKey = new VariantKey(spec.id(), outputFormat.extension());
        Optional<StoredFile> stored = storeCall("reading a variant", () -> store.variant(md5, variantKey));
        byte[] bytes = stored.flatMap(ImageService::readIfStillThere)
                .orElseGet(() -> makeVariant(md5, original, spec, variantKey));
        cache.put(key, new CachedImage(bytes, outputFormat));
        return new ImageContent(md5, outputFormat, etag, new InMemoryFile(bytes));
    }

    private byte[] makeVariant(Md5 md5, StoredFile original, VariantSpec spec, VariantKey variantKey) {
        EncodedImage variant;
        // A place in line comes first: a burst beyond the line is refused before anything of the
        // original is read. Then only its header is read (budgets checked, memory estimated), and
        // the decode, resize and encode run on the gate's own threads once a slot and that much
        // memory are free; this (virtual) thread just waits.
        try (DecodeGate.Place place = decodeGate.join();
             InputStream in = original.open();
             PreparedVariant prepared = engine.prepare(in, original.size(), spec)) {
            variant = place.run(prepared.memoryBytes(), () -> timed(prepared));
        } catch (IOException e) {
            throw StoreFailures.reading("reading an original", e);
        }
        variantsMade.increment();
        try {
            storeCall("storing a variant", () -> {
                Path staged = store.newStagingFile();
                try {
                    Files.write(staged, variant.bytes());
                    return store.putVariant(md5, variantKey, staged);
                } finally {
                    Files.deleteIfExists(staged);
                }
            });
        } catch (SisException notKept) {
            // Keeping a variant saves work later; failing to (a full or read-only disk, an agent's
            // server down) must not fail the read that made it. It is served and cached anyway.
            LOG.warn("variant {} of {} made but not stored: {}", variantKey.id(), md5, notKept.getMessage());
        }
        return variant.bytes();
    }

    private EncodedImage timed(PreparedVariant prepared) {
        Timer.Sample started = Timer.start();
        EncodedImage made = prepared.make();
        started.stop(variantTime);
        return made;
    }

    /**
     * Metadata of a stored original.
     *
     * @throws NotFoundException when there is none
     */
    public ImageDetails info(Md5 md5) {
        List<FileName> names = storeCall("listing names", () -> store.names(md5));
        if (names.isEmpty()) {
            throw new NotFoundException("no image with md5 " + md5);
        }
        ImageContent original = original(md5, null);
        ImageInfo info = null;
        if (original.format() != null) {
            try (InputStream in = original.file().open()) {
                info = ImageProbe.probe(in, true);
            } catch (IOException e) {
                throw StoreFailures.reading("reading an original", e);
            } catch (UnsupportedImageException notAnImage) {
                info = null;
            }
        }
        return new ImageDetails(md5, names, original.file().size(), info);
    }

    /** The names stored under {@code md5}, sorted; empty when there are none. */
    public List<FileName> names(Md5 md5) {
        return storeCall("listing names", () -> store.names(md5));
    }

    /** The stored original {@code name} of {@code md5}, read from the store (not the cache). */
    public Optional<StoredFile> storedOriginal(Md5 md5, FileName name) {
        return storeCall("looking up an original", () -> store.original(md5, name));
    }

    /** A stored variant, read from the store (not the cache). */
    public Optional<StoredFile> storedVariant(Md5 md5, VariantKey key) {
        return storeCall("looking up a variant", () -> store.variant(md5, key));
    }

    /**
     * Stores a variant made elsewhere (by an agent), so that no one makes it again, once
     * {@link VariantIntake} has checked that it is that variant of a stored original. The bytes
     * are spooled first: the store never sees a partial variant.
     *
     * @throws NotFoundException when {@code md5} has no original (nothing is stored)
     * @throws SisException      a 4xx when the bytes are not that variant (see {@link VariantIntake#put})
     */
    public void putVariant(Md5 md5, VariantKey key, InputStream content) {
        intake.put(md5, key, content);
    }

    /**
     * Removes one name of {@code md5}, or all of them when {@code name} is null, with the
     * variants once no name is left, and forgets them in the cache.
     *
     * @return whether anything was removed
     */
    public boolean delete(Md5 md5, FileName name) {
        boolean removed = storeCall("deleting an original", () -> store.delete(md5, name));
        if (storeCall("listing names", () -> store.names(md5)).isEmpty()) {
            cache.invalidate(md5.hex());
        }
        return removed;
    }

    /** How many variants this service has computed (not loaded) since start. */
    public long variantsMade() {
        return variantsMade.sum();
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
     * Checks with the store that the original exists before anything cached is served, so that
     * a DELETE (here, or on another node sharing the store) is never undone by a cache. A gone
     * image is also dropped from this node's cache.
     */
    private void requireOriginal(Md5 md5, FileName name) {
        if (name != null) {
            requireName(md5, name);
        } else if (!storeCall("looking up an original", () -> store.exists(md5))) {
            cache.invalidate(md5.hex());
            throw new NotFoundException("no image with md5 " + md5);
        }
    }

    private void requireName(Md5 md5, FileName name) {
        if (!storeCall("looking up an original", () -> store.exists(md5, name))) {
            throw new NotFoundException("no image with md5 " + md5 + " and name " + name);
        }
    }

    private StoredFile originalFromStore(Md5 md5, FileName name) {
        return storeCall("reading an original", () -> {
            if (name != null) {
                return store.original(md5, name);
            }
            List<FileName> names = store.names(md5);
            return names.isEmpty() ? Optional.<StoredFile>empty() : store.original(md5, names.getFirst());
        }).orElseThrow(() -> {
            if (name == null) {
                cache.invalidate(md5.hex());
                return new NotFoundException("no image with md5 " + md5);
            }
            return new NotFoundException("no image with md5 " + md5 + " and name " + name);
        });
    }

    private boolean fitsCache(long size) {
        return size + CachedImage.ENTRY_OVERHEAD <= cache.budget();
    }

    private static ImageFormat sniff(StoredFile file) {
        try (InputStream in = file.open(0, Math.min(file.size(), ImageFormat.SNIFF_LENGTH))) {
            byte[] head = in.readAllBytes();
            return ImageFormat.sniff(head, head.length).orElse(null);
        } catch (IOException e) {
            throw StoreFailures.reading("reading an original", e);
        }
    }

    /**
     * A stored variant's bytes; empty when it was removed since the lookup (its budget let it go,
     * here or on another node sharing the store), so that it is made again instead of failing.
     */
    private static Optional<byte[]> readIfStillThere(StoredFile variant) {
        try {
            return Optional.of(variant.readAll());
        } catch (NoSuchFileException removed) {
            return Optional.empty();
        } catch (IOException e) {
            throw StoreFailures.translate("reading a variant", e);
        }
    }

    private static byte[] readAll(StoredFile file) {
        try {
            return file.readAll();
        } catch (IOException e) {
            throw StoreFailures.reading("reading a file", e);
        }
    }

    private interface StoreCall<T> {
        T call() throws IOException;
    }

    private static <T> T storeCall(String action, StoreCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw StoreFailures.translate(action, e);
        }
    }
}
