package dev.sis.service;

import dev.sis.cache.CacheKey;
import dev.sis.cache.ImageCache;
import dev.sis.errors.NotFoundException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.DecodeGate;
import dev.sis.image.EncodedImage;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageFormat;
import dev.sis.image.PreparedVariant;
import dev.sis.image.VariantSpec;
import dev.sis.metrics.SisMetrics;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.InMemoryFile;
import dev.sis.storage.OpenedFile;
import dev.sis.storage.VariantKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Optional;

/**
 * Variants: cache → stored variant → made once ({@link SingleFlight}) → answered, then kept in
 * the store by a {@link VariantWriter} (after the answer where a put waits for a network or a
 * disk flush, so that no caller waits for it; found there until it has landed). The original comes from {@link Originals}, cache first.
 * Thread-safe.
 */
public final class Variants implements AutoCloseable {
    private final ImageStore store;
    private final ImageCache cache;
    private final ImageEngine engine;
    private final DecodeGate decodeGate;
    private final Originals originals;
    private final VariantWriter writer;
    private final SingleFlight<CacheKey, ImageContent> inFlight = new SingleFlight<>();
    private final Timer made;

    Variants(ImageStore store, ImageCache cache, ImageEngine engine, DecodeGate decodeGate, Originals originals,
             MeterRegistry meters) {
        this.store = store;
        this.cache = cache;
        this.engine = engine;
        this.decodeGate = decodeGate;
        this.originals = originals;
        this.writer = new VariantWriter(store);
        this.made = Timer.builder("sis.variants.made").description("variants computed (not loaded), and how long each took")
                .serviceLevelObjectives(SisMetrics.DURATION_BUCKETS).register(meters);
    }

    /** The entity tag of a variant's answer, known without reading anything. */
    public static String tag(Md5 md5, VariantSpec spec) {
        return md5.hex() + "-" + spec.id();
    }

    /**
     * A variant of the original of {@code md5} (its {@code name}, or any name when null).
     *
     * @throws NotFoundException                   when there is no such original
     * @throws UnsupportedImageException           when it is not a decodable image
     * @throws dev.sis.errors.OverBudgetException when over a pixel budget
     * @throws dev.sis.errors.OverloadedException when too many decodes are queued
     */
    public ImageContent get(Md5 md5, FileName name, VariantSpec spec) {
        CacheKey key = CacheKey.variant(md5.hex(), spec.id());
        EncodedImage cached = cache.get(key);
        if (cached != null) {
            originals.require(md5, name);
            return new ImageContent(md5, cached.format(), tag(md5, spec), new InMemoryFile(cached.bytes()));
        }
        return inFlight.run(key, () -> loadOrMake(md5, name, spec, key));
    }

    /** As {@link Originals#cached}, for a variant: {@link #get} when it is cached. */
    public Optional<ImageContent> cached(Md5 md5, VariantSpec spec, boolean mayWait) {
        return originals.cachedEntry(md5, CacheKey.variant(md5.hex(), spec.id()), tag(md5, spec), mayWait);
    }

    /** How many variants have been computed (not loaded) since start: the count of {@code sis.variants.made}. */
    public long madeCount() {
        return made.count();
    }

    /**
     * Waits until the variants made so far have reached the store (they are written after their
     * answer on a local disk and through an agent), at most {@code timeout}: for tests that look
     * at the store, and for a clean stop.
     *
     * @return whether all have
     */
    public boolean awaitWrites(Duration timeout) throws InterruptedException {
        return writer.awaitWrites(timeout);
    }

    /** Waits (a bounded time) for the variants still being written to the store. */
    @Override
    public void close() {
        writer.close();
    }

    private ImageContent loadOrMake(Md5 md5, FileName name, VariantSpec spec, CacheKey key) {
        // The original's read is the existence check too: on an agent each lookup is a round trip.
        ImageContent original = originals.get(md5, name);
        if (original.format() == null) {
            throw new UnsupportedImageException("the stored file is not an image, so it has no variants");
        }
        ImageFormat outputFormat = spec.outputFormat(original.format());
        VariantKey variantKey = new VariantKey(spec.id(), outputFormat.extension());
        byte[] bytes = stored(md5, variantKey).orElseGet(() -> make(md5, original, spec, variantKey));
        cache.put(key, new EncodedImage(bytes, outputFormat));
        return new ImageContent(md5, outputFormat, tag(md5, spec), new InMemoryFile(bytes));
    }

    /**
     * A stored variant's bytes; empty when there is none, or it was removed since the lookup (its
     * budget let it go, here or on another node sharing the store): then it is made again.
     */
    private Optional<byte[]> stored(Md5 md5, VariantKey key) {
        Optional<byte[]> onItsWay = writer.pending(md5, key);
        if (onItsWay.isPresent()) {
            return onItsWay;
        }
        Optional<OpenedFile> found = StoreFailures.call("reading a variant", () -> store.openVariant(md5, key));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try (OpenedFile opened = found.get()) {
            return Optional.of(opened.bytes().readAllBytes());
        } catch (NoSuchFileException removed) {
            return Optional.empty();
        } catch (IOException e) {
            throw StoreFailures.translate("reading a variant", e);
        }
    }

    private byte[] make(Md5 md5, ImageContent original, VariantSpec spec, VariantKey key) {
        EncodedImage variant;
        // A place in line comes first: a burst beyond the line is refused before anything more of
        // the original is read (one too large for the cache is read from the store here). Then only
        // its header is read (budgets checked, memory estimated), and the decode, resize and encode
        // run on the gate's own threads once a slot and that much memory are free; this (virtual)
        // thread just waits.
        try (DecodeGate.Place place = decodeGate.join();
             InputStream in = original.file().open();
             PreparedVariant prepared = engine.prepare(in, original.file().size(), spec)) {
            variant = place.run(prepared.memoryBytes(), () -> timed(prepared));
        } catch (IOException e) {
            throw StoreFailures.reading("reading an original", e);
        }
        writer.write(md5, key, variant.bytes());
        return variant.bytes();
    }

    private EncodedImage timed(PreparedVariant prepared) {
        Timer.Sample started = Timer.start();
        EncodedImage result = prepared.make();
        started.stop(made);
        return result;
    }
}
