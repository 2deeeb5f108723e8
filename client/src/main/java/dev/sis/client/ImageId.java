package dev.sis.client;

import java.util.Locale;
import java.util.Objects;

/**
 * Which stored image: its MD5 (any of its names) or its MD5 and one name. Validated when made,
 * with the server's rules, so a typo fails here with a clear message.
 *
 * @param md5  32 hexadecimal digits, kept in lower case
 * @param name a bare file name, or {@code null} for any name of this MD5
 */
public record ImageId(String md5, String name) {
    public ImageId {
        Objects.requireNonNull(md5, "md5");
        md5 = md5.toLowerCase(Locale.ROOT);
        if (!md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("an MD5 is 32 hexadecimal digits, got \"" + md5 + "\"");
        }
        if (name != null) {
            FileNames.check(name);
        }
    }

    public static ImageId of(String md5) {
        return new ImageId(md5, null);
    }

    public static ImageId of(String md5, String name) {
        return new ImageId(md5, Objects.requireNonNull(name, "name"));
    }

    /** Reads {@code MD5} or {@code MD5/NAME}, as the command line takes them. */
    public static ImageId parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        return slash < 0 ? of(text) : of(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return name == null ? md5 : md5 + "/" + name;
    }
}
