package dev.sis.client;

/**
 * The format a variant is written in (the {@code format} parameter of /v1). {@link #AVIF} needs a
 * server on the libvips engine; any other answers 415 ({@code UnsupportedImageException}).
 */
public enum Format {
    JPEG, PNG, GIF, WEBP, AVIF;

    /** The value in a URL: {@code jpeg}, {@code png}, {@code gif}, {@code webp}, {@code avif}. */
    public String urlName() {
        return UrlNames.of(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Format fromUrlName(String name) {
        return UrlNames.parse(Format.class, "format", name);
    }
}
