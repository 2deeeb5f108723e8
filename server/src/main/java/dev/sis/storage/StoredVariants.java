package dev.sis.storage;

import dev.sis.model.Md5;
import java.io.IOException;

/**
 * What a store that keeps variants itself (on its disk, in its bucket) offers their budget
 * ({@link dev.sis.storage.budget.VariantBudgetStore}): a listing, a removal, and what one costs.
 * An agent's store has none of this: its server keeps its variants, under the server's budget.
 * Originals are never touched through this interface. Thread-safe.
 */
public interface StoredVariants {

    /**
     * Visits every stored variant once, in no particular order. For a large store this takes
     * long (a walk of the tree, a listing of the bucket): callers run it in the background. A
     * variant removed while the listing runs may still be visited. The visitor may throw to stop.
     */
    void forEachVariant(VariantVisitor visitor) throws IOException;

    /**
     * Removes one variant, and nothing when it is not there. A reader that opened it before keeps
     * reading (local disk) or finds it gone, as {@link java.nio.file.NoSuchFileException} from
     * {@link StoredFile#open}, and makes it again.
     */
    void removeVariant(Md5 md5, VariantKey key) throws IOException;

    /**
     * The bytes a variant of {@code size} bytes takes in this store: what its budget counts. A
     * local disk allocates whole blocks, and one more for the variant's folder.
     */
    long footprint(long size);

    /** The budget when none is configured, and why, for the start-up log. */
    DefaultBudget defaultBudget() throws IOException;

    /** A default variant budget: its bytes, and how they were chosen (e.g. {@code 10% of the volume}). */
    record DefaultBudget(long bytes, String reason) {
    }

    /** What {@link #forEachVariant} tells of each variant. */
    @FunctionalInterface
    interface VariantVisitor {
        void variant(VariantPlace place, long size, long lastModifiedMillis) throws IOException;
    }
}
