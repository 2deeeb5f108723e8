package dev.sis.cache;

import java.util.Objects;

/**
 * Identifies cached bytes: an original by its MD5 (every name of one MD5 has the same bytes),
 * a variant by its MD5 and canonical variant id.
 *
 * @param md5     32 lowercase hex digits
 * @param variant the canonical variant id, or {@code ""} for the original
 */
public record CacheKey(String md5, String variant) {
    public CacheKey {
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(variant, "variant");
    }

    public static CacheKey original(String md5) {
        return new CacheKey(md5, "");
    }

    public static CacheKey variant(String md5, String variantId) {
        return new CacheKey(md5, variantId);
    }
}
