package dev.sis.client;

/** The format a variant is written in (the {@code format} parameter of /v1). */
public enum Format {
    JPEG, PNG, GIF, WEBP;

    /** The value in a URL: {@code jpeg}, {@code png}, {@code gif}, {@code webp}. */
    public String urlName() {
        return UrlNames.of(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Format fromUrlName(String name) {
        return UrlNames.parse(Format.class, "format", name);
    }
}
