package dev.sis.client;

import dev.sis.config.ImageLimits;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import java.util.Set;

/** The server settings the client tests change, one component at a time. */
final class ServerSettings {
    private ServerSettings() {
    }

    /** Tokens, key and sizes ({@code null} for none); {@code sizes} as {@code --sizes} writes them ({@code 40x30}). */
    static SisConfig withSecurity(SisConfig c, String uploadToken, String adminToken, String signingKey, String sizes) {
        SecurityConfig security = new SecurityConfig(null, uploadToken, adminToken, signingKey,
                sizes == null ? Set.of() : Set.of(sizes.split(",")));
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(), security, c.logFormat(), c.imageEngine());
    }

    static SisConfig withUpload(SisConfig c, UploadLimits upload) {
        return new SisConfig(c.server(), c.store(), c.cache(), upload, c.image(), c.security(), c.logFormat(), c.imageEngine());
    }

    static SisConfig withImage(SisConfig c, ImageLimits image) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), image, c.security(), c.logFormat(), c.imageEngine());
    }
}
