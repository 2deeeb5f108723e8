package dev.sis.client;

import java.util.Locale;

/** The format a variant is written in (the {@code format} parameter of /v1). */
public enum Format {
    JPEG, PNG, GIF, WEBP;

    /** The value in a URL: {@code jpeg}, {@code png}, {@code gif}, {@code webp}. */
    public String urlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Format fromUrlName(String name) {
        for (Format format : values()) {
            if (format.urlName().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be one of jpeg, png, gif, webp, got \"" + name + "\"");
    }
}
