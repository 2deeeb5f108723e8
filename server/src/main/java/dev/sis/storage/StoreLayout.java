package dev.sis.storage;

import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things live in every store, relative to its root (a local directory, a bucket's prefix),
 * with {@code /} between folders:
 * <pre>
 *   ab/cd/abcd…(md5)/src/NAME                 an original, under each name it was uploaded with
 *   ab/cd/abcd…(md5)/VARIANT-ID/image.EXT     one folder per variant
 * </pre>
 * The local store, the S3 store, the variant budget and {@code sis migrate} all build and read
 * paths here, so that a store written by one is read by the others. Paths are built from
 * validated parts only (an MD5, a {@link FileName}, a {@link VariantKey}).
 */
public final class StoreLayout {
    /** The folder of an image's originals, beside its variants' folders. */
    public static final String ORIGINALS = "src";
    /**
     * An original's path: groups 1 and 2 the two folders, 3 the MD5 (which they must start),
     * 4 the name (still to be checked as a {@link FileName}).
     */
    public static final Pattern ORIGINAL_PATH =
            Pattern.compile("([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{32})/" + ORIGINALS + "/([^/]+)");
    /** Any file in a folder named as the originals' are, wherever it is: for telling a misplaced original. */
    public static final Pattern IN_AN_ORIGINALS_FOLDER = Pattern.compile("(.*/)?" + ORIGINALS + "/[^/]+");
    private static final Pattern VARIANT_PATH =
            Pattern.compile("([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{32})/([^/]+)/image\\.([^/.]+)");

    private StoreLayout() {
    }

    /** {@code ab/cd/<md5>/}: the folder of an image, where its originals and variants are. */
    public static String folder(Md5 md5) {
        String hex = md5.hex();
        return hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex + "/";
    }

    /** {@code ab/cd/<md5>/src/}: the folder of an image's originals. */
    public static String originals(Md5 md5) {
        return folder(md5) + ORIGINALS + "/";
    }

    /** {@code ab/cd/<md5>/src/<name>}. */
    public static String original(Md5 md5, FileName name) {
        return originals(md5) + name.value();
    }

    /** {@code ab/cd/<md5>/<variant-id>/image.<ext>}. */
    public static String variant(Md5 md5, VariantKey key) {
        return folder(md5) + key.id() + "/image." + key.extension();
    }

    /**
     * The variant at {@code path}, or empty when the path is not a variant's place: an original
     * ({@code src/}), a file whose folders do not match its MD5, anything else.
     */
    public static Optional<VariantPlace> parseVariant(String path) {
        Matcher m = VARIANT_PATH.matcher(path);
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
