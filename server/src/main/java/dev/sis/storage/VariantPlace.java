package dev.sis.storage;

import dev.sis.model.Md5;
import java.util.Optional;

/**
 * A variant of an MD5, named by its path in the {@link StoreLayout}: stores list their variants
 * by it, and the variant budget names them by it.
 */
public record VariantPlace(Md5 md5, VariantKey key) {

    /** {@code ab/cd/<md5>/<variant-id>/image.<ext>}. */
    public String path() {
        return StoreLayout.variant(md5, key);
    }

    /** As {@link StoreLayout#parseVariant}. */
    public static Optional<VariantPlace> parse(String path) {
        return StoreLayout.parseVariant(path);
    }
}
