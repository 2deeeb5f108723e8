package dev.sis.service;

import dev.sis.cache.CacheKey;
import dev.sis.cache.ImageCache;
import dev.sis.cache.OffHeapFile;
import dev.sis.cache.OffHeapImage;
import dev.sis.errors.NotFoundException;
import dev.sis.image.EncodedImage;
import dev.sis.image.ImageFormat;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.InMemoryFile;
import dev.sis.storage.OpenedFile;
import dev.sis.storage.StoredFile;
import java.io.IOException;
import java.util.Optional;

/**
 * Originals, read cache first; a miss is read from the store once however many ask at once
 * ({@link SingleFlight}), with one read that both tells the format and gives the bytes (on an
 * agent: one GET to its server, plus the names when no name was given). Before anything cached is
 * served, the store is asked whether the image still exists, so that a DELETE (here, or on
 * another node sharing the store) is never undone by a cache. Thread-safe.
 */
public final class Originals {
    private final ImageStore store;
    private final ImageCache cache;
    private final SingleFlight<String, ImageContent> inFlight = new SingleFlight<>();

    Originals(ImageStore store, ImageCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** The entity tag of an original's answer, known without reading anything: the MD5. */
    public static String tag(Md5 md5) {
        return md5.hex();
    }

    /**
     * The original of {@code md5}: under {@code name}, or under any of its names when
     * {@code name} is null. In memory when it fits the cache (and then cached), else read from
     * the store as it is served.
     *
     * @throws NotFoundException when there is none
     */
    public ImageContent get(Md5 md5, FileName name) {
        EncodedImage cached = cache.get(CacheKey.original(md5.hex()));
        if (cached != null) {
            require(md5, name);
            return new ImageContent(md5, cached.format(), tag(md5), new InMemoryFile(cached.bytes()));
        }
        return inFlight.run(md5.hex() + "/" + (name == null ? "" : name.value()), () -> load(md5, name));
    }

    /**
     * The original of {@code md5} (any name), only if it is in the memory cache: for answering
     * cache hits early. Empty on a miss, with nothing counted; the existence check comes first.
     * The caller releases the content's {@link OffHeapFile} once it has written it.
     *
     * @param mayWait false on a thread that must not wait: then the existence check is made only
     *                when the store can answer it without a network round trip
     * @throws NotFoundException when there is no such original
     * @throws WouldWait         when {@code mayWait} is false and only the network can tell
     */
    public Optional<ImageContent> cached(Md5 md5, boolean mayWait) {
        return cachedEntry(md5, CacheKey.original(md5.hex()), tag(md5), mayWait);
    }

    /**
     * A cached entry of {@code md5} (its original or a variant), once the store says the image
     * exists: its file is an {@link OffHeapFile} held for the caller, who must release it.
     */
    Optional<ImageContent> cachedEntry(Md5 md5, CacheKey key, String etag, boolean mayWait) {
        if (!cache.contains(key)) {
            return Optional.empty();
        }
        if (mayWait) {
            require(md5, null);
        } else {
            requireWithoutWaiting(md5);
        }
        OffHeapImage cached = cache.acquire(key);
        return cached == null ? Optional.empty()
                : Optional.of(new ImageContent(md5, cached.format(), etag, new OffHeapFile(cached)));
    }

    /**
     * Checks with the store that the original exists (under {@code name}, or any name when
     * null); a gone image is also dropped from this node's cache.
     *
     * @throws NotFoundException when there is none
     */
    public void require(Md5 md5, FileName name) {
        if (name != null) {
            if (!StoreFailures.call("looking up an original", () -> store.exists(md5, name))) {
                throw new NotFoundException("no image with md5 " + md5 + " and name " + name);
            }
        } else if (!StoreFailures.call("looking up an original", () -> store.exists(md5))) {
            throw gone(md5);
        }
    }

    /** {@link #require} of any name, or {@link WouldWait} when only a network round trip could tell. */
    private void requireWithoutWaiting(Md5 md5) {
        Optional<Boolean> known = StoreFailures.call("looking up an original", () -> store.existsWithoutWaiting(md5));
        if (known.isEmpty()) {
            throw WouldWait.INSTANCE;
        }
        if (!known.get()) {
            throw gone(md5);
        }
    }

    private ImageContent load(Md5 md5, FileName name) {
        Optional<OpenedFile> found = StoreFailures.call("reading an original",
                () -> name != null ? store.openOriginal(md5, name) : store.openAnyOriginal(md5));
        if (found.isEmpty()) {
            throw name == null ? gone(md5) : new NotFoundException("no image with md5 " + md5 + " and name " + name);
        }
        try (OpenedFile opened = found.get()) {
            StoredFile file = opened.file();
            if (file.size() + ImageCache.ENTRY_OVERHEAD > cache.budget()) {
                // Too large for the cache: served from the store as it is read; its head tells the format.
                byte[] head = opened.bytes().readNBytes((int) Math.min(file.size(), ImageFormat.SNIFF_LENGTH));
                return new ImageContent(md5, ImageFormat.sniff(head, head.length).orElse(null), tag(md5), file);
            }
            byte[] bytes = opened.bytes().readAllBytes();
            ImageFormat format = ImageFormat.sniff(bytes, bytes.length).orElse(null);
            cache.put(CacheKey.original(md5.hex()), new EncodedImage(bytes, format));
            return new ImageContent(md5, format, tag(md5), new InMemoryFile(bytes));
        } catch (IOException e) {
            throw StoreFailures.reading("reading an original", e);
        }
    }

    private NotFoundException gone(Md5 md5) {
        cache.invalidate(md5.hex());
        return new NotFoundException("no image with md5 " + md5);
    }
}
