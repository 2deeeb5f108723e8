package dev.sis.storage;

/**
 * A variant's name in a store: its canonical id (one directory per variant, sis's "a directory
 * per size") and the file extension of its format. Both are restricted to characters that are
 * safe as path segments.
 */
public record VariantKey(String id, String extension) {
    /**
     * Whether this names a small JSON file kept with the image (its analysis) rather than an
     * image variant: variant budgets leave it out, since it is not made again on demand.
     */
    public boolean isSidecar() {
        return extension.equals("json");
    }

    public VariantKey {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,127}") || id.equals("src")) {
            throw new IllegalArgumentException("not a variant id: " + id);
        }
        if (extension == null || !extension.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("not a file extension: " + extension);
        }
    }
}
