package dev.sis.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which store keeps the files.
 *
 * @param mode     {@link StoreMode#LOCAL}: this process keeps the files under {@code dataDir};
 *                 {@link StoreMode#AGENT}: an upstream sis server keeps them
 * @param dataDir  the local data directory (store mode)
 * @param upstream how to reach the upstream server (agent mode), else {@code null}
 */
public record StoreConfig(StoreMode mode, Path dataDir, UpstreamConfig upstream) {
    public StoreConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(dataDir, "dataDir");
        if (mode == StoreMode.AGENT && upstream == null) {
            throw new IllegalArgumentException("agent mode needs an upstream");
        }
    }

    public enum StoreMode { LOCAL, AGENT }
}
