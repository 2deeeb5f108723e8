package dev.sis.service;

import dev.sis.image.ImageInfo;
import dev.sis.model.FileName;
import dev.sis.model.Md5;

/**
 * An upload's result.
 *
 * @param info    the image header, or {@code null} for a non-image file (accept-any-file mode)
 * @param created whether this upload stored the file ({@code false}: it was stored already)
 */
public record StoredImage(FileName name, Md5 md5, long size, ImageInfo info, boolean created) {
}
