package dev.sis.client;

/** Which routes a {@link SisClient} talks to. */
public enum ApiMode {
    /** The /v1 JSON API of this sis: every operation. */
    V1,
    /**
     * sis 2.0's routes, for servers still running sis 2.0 (this sis answers them too):
     * {@code /up} and the four download routes. No info, no delete; variants are exact stretches
     * only ({@code w} and {@code h} from 5, {@link Fit#STRETCH}, the source's format).
     */
    LEGACY
}
