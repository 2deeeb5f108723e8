package dev.sis.client;

import java.time.Duration;
import java.util.Optional;

/** What a {@link SisClient} was built with, besides its base URI and HTTP client. */
record ClientSettings(ApiMode mode, Optional<String> uploadToken, Optional<String> adminToken,
                      Optional<UrlSignature> signature, Duration requestTimeout) {
    @Override
    public String toString() {
        return "ClientSettings[" + mode + ", tokens and key hidden, timeout " + requestTimeout + "]";
    }
}
