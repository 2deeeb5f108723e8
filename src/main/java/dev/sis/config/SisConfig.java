package dev.sis.config;

import java.util.Objects;

/** The whole configuration: one record per component, built and validated in one place ({@code dev.sis.cli}). */
public record SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache,
                        UploadLimits upload, ImageLimits image, SecurityConfig security, LogFormat logFormat) {
    /** How log lines are written. */
    public enum LogFormat { TEXT, JSON }

    /** A configuration with no secrets set. */
    public SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache, UploadLimits upload, ImageLimits image) {
        this(server, store, cache, upload, image, SecurityConfig.none());
    }

    /** A configuration with text logs. */
    public SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache, UploadLimits upload, ImageLimits image,
                     SecurityConfig security) {
        this(server, store, cache, upload, image, security, LogFormat.TEXT);
    }

    public SisConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(logFormat, "logFormat");
    }
}
