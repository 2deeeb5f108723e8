package dev.sis.client;

/** How a variant fills the requested width × height (the {@code fit} parameter of /v1). */
public enum Fit {
    /** Fit inside w×h keeping the aspect ratio; may enlarge. The server's default. */
    CONTAIN,
    /** Fill w×h exactly keeping the aspect ratio, cropping the overflow around the centre. */
    COVER,
    /** Exactly w×h; the aspect ratio is not kept (sis 2.0's only mode). */
    STRETCH,
    /** As {@link #CONTAIN}, but never enlarge. */
    INSIDE,
    /**
     * As {@link #CONTAIN}, then padded to exactly w×h around the centre with the {@code bg}
     * colour (by default transparent for PNG, WebP and AVIF, white for JPEG and GIF).
     */
    PAD;

    /** The value in a URL: {@code contain}, {@code cover}, {@code stretch}, {@code inside}, {@code pad}. */
    public String urlName() {
        return UrlNames.of(this);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Fit fromUrlName(String name) {
        return UrlNames.parse(Fit.class, "fit", name);
    }
}
