package dev.sis.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which store keeps the files, and what it alone needs: a data directory (local), an upstream
 * server (agent) or a bucket (S3). The server switches over it where the store is opened.
 */
public sealed interface StoreConfig {

    /** The mode's name, for messages ({@code local}, {@code agent}, {@code s3}). */
    default String modeName() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * This process keeps the files under {@code dataDir}.
     *
     * @param maxVariantBytes how many bytes of variants the store keeps (0: none), or empty for
     *                        the store's default
     */
    record Local(Path dataDir, OptionalLong maxVariantBytes) implements StoreConfig {
        public Local {
            Objects.requireNonNull(dataDir, "dataDir");
            checkBudget(maxVariantBytes);
        }

        /** With the default variant budget. */
        public Local(Path dataDir) {
            this(dataDir, OptionalLong.empty());
        }

        /** The same store keeping at most {@code bytes} of variants (0: none). */
        public Local withMaxVariantBytes(long bytes) {
            return new Local(dataDir, OptionalLong.of(bytes));
        }
    }

    /**
     * An upstream sis server keeps the files (agent mode). It keeps no variant budget of its own:
     * the server's governs.
     */
    record Agent(UpstreamConfig upstream) implements StoreConfig {
        public Agent {
            Objects.requireNonNull(upstream, "upstream");
        }
    }

    /**
     * A bucket keeps the files.
     *
     * @param maxVariantBytes as for {@link Local}
     */
    record S3(S3Config s3, OptionalLong maxVariantBytes) implements StoreConfig {
        public S3 {
            Objects.requireNonNull(s3, "s3");
            checkBudget(maxVariantBytes);
        }

        /** With the default variant budget. */
        public S3(S3Config s3) {
            this(s3, OptionalLong.empty());
        }

        /** The same store keeping at most {@code bytes} of variants (0: none). */
        public S3 withMaxVariantBytes(long bytes) {
            return new S3(s3, OptionalLong.of(bytes));
        }
    }

    private static void checkBudget(OptionalLong maxVariantBytes) {
        Objects.requireNonNull(maxVariantBytes, "maxVariantBytes");
        if (maxVariantBytes.isPresent() && maxVariantBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("the variant budget must not be negative");
        }
    }
}
