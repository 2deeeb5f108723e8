package dev.sis.service;

import dev.sis.errors.InvalidInputException;
import dev.sis.errors.NotFoundException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageAnalysis;
import dev.sis.image.ImageInfo;
import dev.sis.image.ImageProbe;
import dev.sis.image.VariantSpec;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import dev.sis.storage.StoredFile;
import dev.sis.storage.VariantKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Checks a variant made elsewhere (by an agent) before it is stored beside its original, so that
 * not even an agent holding the internal token can store bytes that are not that variant: a page
 * of HTML as a JPEG, a picture of another size, anything under an MD5 that has no original.
 *
 * <p>Headers only, no decode: the original's tells what the variant must be (its format and its
 * size follow from the original and the variant's id, within the pixel budgets), and the
 * received file's must say exactly that. A file whose header is right and whose pixel data is
 * not would still be stored; it is served as the image type its header names, which a browser
 * does not run as a page ({@code X-Content-Type-Options: nosniff}).
 */
public final class VariantIntake {
    private final ImageStore store;
    private final ImageEngine engine;

    VariantIntake(ImageStore store, ImageEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    /**
     * Checks {@code content} and stores it as the variant {@code key} of {@code md5}.
     *
     * @throws InvalidInputException     when the key is not a variant's, or the bytes are not that variant
     * @throws UnsupportedImageException when the bytes, or the original, are not an image
     * @throws NotFoundException         when {@code md5} has no original (nothing is stored)
     * @throws dev.sis.errors.OverBudgetException when that variant is over a budget: none is ever made
     */
    public void put(Md5 md5, VariantKey key, InputStream content) {
        if (Analyses.isSidecar(key)) {
            putAnalysis(md5, key, content);
            return;
        }
        VariantSpec spec = VariantSpec.parseId(key.id())
                .orElseThrow(() -> new InvalidInputException("not a variant id: " + key.id()));
        ImageInfo expected = expected(md5, spec);
        if (!key.extension().equals(expected.format().extension())) {
            throw new InvalidInputException("variant " + key.id() + " of this image is a " + describe(expected)
                    + ": its name ends in ." + expected.format().extension());
        }
        try {
            // Closed here only when it is refused before the put, which takes it over otherwise.
            try (Blob.Staged staged = Blob.staged(store.newStagingFile())) {
                Files.copy(content, staged.path(), StandardCopyOption.REPLACE_EXISTING);
                ImageInfo received = probe(staged.path());
                if (received.format() != expected.format() || received.width() != expected.width()
                        || received.height() != expected.height()) {
                    throw new InvalidInputException("the variant sent is a " + describe(received) + "; "
                            + key.id() + " of this image is a " + describe(expected));
                }
                if (!store.putVariant(md5, key, staged) && !store.exists(md5)) {
                    throw noOriginal(md5); // deleted while the variant was checked
                }
            }
        } catch (IOException e) {
            throw StoreFailures.translate("storing a variant", e);
        }
    }

    /** An agent's analysis of an image: stored only when it is one, and beside a stored original. */
    private void putAnalysis(Md5 md5, VariantKey key, InputStream content) {
        try {
            byte[] bytes = content.readNBytes(ImageAnalysis.MAX_SIDECAR_BYTES + 1);
            ImageAnalysis analysis = ImageAnalysis.parse(bytes)
                    .orElseThrow(() -> new InvalidInputException("not an image analysis"));
            if (!store.putVariant(md5, key, Blob.of(analysis.toJson())) && !store.exists(md5)) {
                throw noOriginal(md5);
            }
        } catch (IOException e) {
            throw StoreFailures.translate("storing an image's analysis", e);
        }
    }

    /** What the variant must be, from the header of the original's first name. */
    private ImageInfo expected(Md5 md5, VariantSpec spec) {
        try {
            List<FileName> names = store.names(md5);
            if (names.isEmpty()) {
                throw noOriginal(md5);
            }
            StoredFile original = store.original(md5, names.getFirst()).orElseThrow(() -> noOriginal(md5));
            try (InputStream in = original.open()) {
                return engine.plan(in, spec);
            }
        } catch (UnsupportedImageException notAnImage) {
            throw new UnsupportedImageException("the stored file is not an image, so it has no variants");
        } catch (IOException e) {
            throw StoreFailures.reading("reading an original", e);
        }
    }

    private static ImageInfo probe(Path staged) throws IOException {
        try (InputStream in = Files.newInputStream(staged)) {
            return ImageProbe.probe(in, false);
        } catch (UnsupportedImageException notAnImage) {
            throw new UnsupportedImageException("the variant sent is not an image in a supported format");
        }
    }

    private static NotFoundException noOriginal(Md5 md5) {
        return new NotFoundException("no image with md5 " + md5 + ": a variant is kept only beside its original");
    }

    private static String describe(ImageInfo image) {
        return image.width() + "x" + image.height() + " " + image.format().urlName() + " image";
    }
}
