package dev.sis.storage;

import dev.sis.model.Md5;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a variant lives in a store's layout: {@code ab/cd/<md5>/<variant-id>/image.<ext>},
 * relative to the store's root (the local directory, the bucket's prefix). Stores list their
 * variants by this path, and the variant budget names them by it.
 */
public record VariantPlace(Md5 md5, VariantKey key) {
    private static final Pattern PATH = Pattern.compile(
            "([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{32})/([^/]+)/image\\.([^/.]+)");

    /** {@code ab/cd/<md5>/<variant-id>/image.<ext>}. */
    public String path() {
        return folderOf(md5) + key.id() + "/image." + key.extension();
    }

    /** {@code ab/cd/<md5>/}: the folder of an image, where its originals and variants are. */
    public static String folderOf(Md5 md5) {
        String hex = md5.hex();
        return hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex + "/";
    }

    /**
     * The variant at {@code path} (with {@code /} between folders), or empty when the path is
     * not a variant's place: an original ({@code src/}), a file whose folders do not match its
     * MD5, anything else.
     */
    public static Optional<VariantPlace> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches() || !m.group(3).startsWith(m.group(1) + m.group(2))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new VariantPlace(new Md5(m.group(3)), new VariantKey(m.group(4), m.group(5))));
        } catch (IllegalArgumentException notAVariant) { // "src", or characters a variant id never has
            return Optional.empty();
        }
    }
}
