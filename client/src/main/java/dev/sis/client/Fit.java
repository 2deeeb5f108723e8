package dev.sis.client;

import java.util.Locale;

/** How a variant fills the requested width × height (the {@code fit} parameter of /v1). */
public enum Fit {
    /** Fit inside w×h keeping the aspect ratio; may enlarge. The server's default. */
    CONTAIN,
    /** Fill w×h exactly keeping the aspect ratio, cropping the overflow around the centre. */
    COVER,
    /** Exactly w×h; the aspect ratio is not kept (sis 2.0's only mode). */
    STRETCH,
    /** As {@link #CONTAIN}, but never enlarge. */
    INSIDE;

    /** The value in a URL: {@code contain}, {@code cover}, {@code stretch}, {@code inside}. */
    public String urlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Fit fromUrlName(String name) {
        for (Fit fit : values()) {
            if (fit.urlName().equals(name)) {
                return fit;
            }
        }
        throw new IllegalArgumentException("fit must be one of contain, cover, stretch, inside, got \"" + name + "\"");
    }
}
