package dev.sis.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sis.cache.CacheKey;
import dev.sis.cache.ImageCache;
import dev.sis.errors.NotFoundException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.EncodedImage;
import dev.sis.image.ImageFormat;
import dev.sis.image.ImageInfo;
import dev.sis.image.ImageProbe;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.ImageStore;
import dev.sis.storage.OpenedFile;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * What is stored, image by image: names, what an image is ({@code /v1/info}), deletes. The
 * names are listed on every call (that is the existence check); what an image is never changes
 * for an MD5, so its header probe is remembered ({@link #MAX_PROBES} of them). Thread-safe.
 */
public final class Catalog {
    /** Bounds the memory of remembered probes (about 100 bytes each). */
    static final int MAX_PROBES = 10_000;

    private final ImageStore store;
    private final ImageCache cache;
    private final Cache<Md5, Probe> probes = Caffeine.newBuilder().maximumSize(MAX_PROBES).build();

    /** A stored original's size and header (null for a file that is not an image). */
    private record Probe(long size, ImageInfo info) {
    }

    Catalog(ImageStore store, ImageCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** The names stored under {@code md5}, sorted; empty when there are none. */
    public List<FileName> names(Md5 md5) {
        return StoreFailures.call("listing names", () -> store.names(md5));
    }

    /**
     * Metadata of a stored original: its names, size and header. Reads the original's header
     * (from the memory cache when it is there), not the whole file, except a GIF's frames, which
     * are counted.
     *
     * @throws NotFoundException when there is none
     */
    public ImageDetails info(Md5 md5) {
        List<FileName> names = names(md5);
        if (names.isEmpty()) {
            throw new NotFoundException("no image with md5 " + md5);
        }
        Probe probe = probes.getIfPresent(md5);
        if (probe == null) {
            probe = probe(md5, names.getFirst());
            probes.put(md5, probe);
        }
        return new ImageDetails(md5, names, probe.size(), probe.info());
    }

    private Probe probe(Md5 md5, FileName name) {
        EncodedImage cached = cache.get(CacheKey.original(md5.hex()));
        if (cached != null) {
            return new Probe(cached.bytes().length, header(new ByteArrayInputStream(cached.bytes())));
        }
        Optional<OpenedFile> found = StoreFailures.call("reading an original", () -> store.openOriginal(md5, name));
        try (OpenedFile opened = found.orElseThrow(() -> new NotFoundException("no image with md5 " + md5))) {
            return new Probe(opened.file().size(), header(opened.bytes()));
        } catch (IOException e) {
            throw StoreFailures.reading("reading an original", e);
        }
    }

    /** The header of the image {@code in} starts with, or null when it is not an image. */
    private static ImageInfo header(InputStream in) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, ImageFormat.SNIFF_LENGTH);
            buffered.mark(ImageFormat.SNIFF_LENGTH);
            byte[] head = buffered.readNBytes(ImageFormat.SNIFF_LENGTH);
            if (ImageFormat.sniff(head, head.length).isEmpty()) {
                return null;
            }
            buffered.reset();
            return ImageProbe.probe(buffered, true);
        } catch (UnsupportedImageException notAnImage) {
            return null;
        } catch (IOException e) {
            throw StoreFailures.reading("reading an original", e);
        }
    }

    /**
     * Removes one name of {@code md5}, or all of them when {@code name} is null, with the
     * variants once no name is left, and forgets them in the cache.
     *
     * @return whether anything was removed
     */
    public boolean delete(Md5 md5, FileName name) {
        boolean removed = StoreFailures.call("deleting an original", () -> store.delete(md5, name));
        if (names(md5).isEmpty()) {
            cache.invalidate(md5.hex());
            probes.invalidate(md5);
        }
        return removed;
    }
}
