package dev.sis.cache;

import dev.sis.config.CacheConfig;

/** Builds the {@link ImageCache} a configuration asks for. */
public final class ImageCaches {
    private ImageCaches() {
    }

    /** A {@link NoImageCache} when the budget is 0, else the configured policy over that budget. */
    public static ImageCache create(CacheConfig config) {
        if (!config.enabled()) {
            return new NoImageCache();
        }
        return switch (config.policy()) {
            case FIFO -> new FifoImageCache(config.budgetBytes());
            case TINYLFU -> new TinyLfuImageCache(config.budgetBytes());
        };
    }
}
