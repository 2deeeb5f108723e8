package dev.sis.service;

import dev.sis.image.ImageFormat;
import dev.sis.model.Md5;
import dev.sis.storage.StoredFile;

/**
 * Bytes to answer a download with: an original or a variant.
 *
 * @param md5    the original's MD5
 * @param format the bytes' real format, or {@code null} for a non-image file
 * @param etag   a strong validator, unique for these bytes (without quotes)
 * @param file   the bytes, in memory or in the store
 */
public record ImageContent(Md5 md5, ImageFormat format, String etag, StoredFile file) {
}
