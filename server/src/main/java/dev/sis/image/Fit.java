package dev.sis.image;

import java.util.Locale;
import java.util.Optional;

/** How a variant fills the requested width × height. */
public enum Fit {
    /** Fit inside w×h keeping the aspect ratio; may enlarge. */
    CONTAIN,
    /** Fill w×h exactly keeping the aspect ratio, cropping the overflow around the centre. */
    COVER,
    /** Exactly w×h; the aspect ratio is not kept (sis 2.0's only mode). */
    STRETCH,
    /** As {@link #CONTAIN}, but never enlarge. */
    INSIDE;

    public String urlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Fit> fromUrlName(String name) {
        for (Fit fit : values()) {
            if (fit.urlName().equals(name)) {
                return Optional.of(fit);
            }
        }
        return Optional.empty();
    }
}
