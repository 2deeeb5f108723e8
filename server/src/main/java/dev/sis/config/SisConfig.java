package dev.sis.config;

import java.util.Objects;

/** The whole configuration: one record per component, built and validated in one place ({@code dev.sis.cli}). */
public record SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache,
                        UploadLimits upload, ImageLimits image, SecurityConfig security, LogFormat logFormat,
                        EngineChoice imageEngine, VariantFeatures features) {
    /** How log lines are written. */
    public enum LogFormat { TEXT, JSON }

    /**
     * Which engine makes variants: libvips when it loads, else the pure-Java one ({@code AUTO}, the
     * command line's default), always the pure-Java one ({@code JAVA}), or libvips ({@code VIPS}).
     */
    public enum EngineChoice { AUTO, JAVA, VIPS }

    /** A configuration with no secrets set. */
    public SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache, UploadLimits upload, ImageLimits image) {
        this(server, store, cache, upload, image, SecurityConfig.none());
    }

    /** A configuration with text logs. */
    public SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache, UploadLimits upload, ImageLimits image,
                     SecurityConfig security) {
        this(server, store, cache, upload, image, security, LogFormat.TEXT);
    }

    /**
     * A configuration with the pure-Java image engine: what embedding code gets unless it asks
     * for another (the command line's default is {@code AUTO}).
     */
    public SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache, UploadLimits upload, ImageLimits image,
                     SecurityConfig security, LogFormat logFormat) {
        this(server, store, cache, upload, image, security, logFormat, EngineChoice.JAVA);
    }

    /** A configuration without presets or watermark. */
    public SisConfig(ServerConfig server, StoreConfig store, CacheConfig cache, UploadLimits upload, ImageLimits image,
                     SecurityConfig security, LogFormat logFormat, EngineChoice imageEngine) {
        this(server, store, cache, upload, image, security, logFormat, imageEngine, VariantFeatures.none());
    }

    public SisConfig {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(upload, "upload");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(imageEngine, "imageEngine");
    }
}
