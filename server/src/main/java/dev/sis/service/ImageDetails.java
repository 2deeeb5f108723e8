package dev.sis.service;

import dev.sis.image.ImageInfo;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.util.List;

/**
 * What is known of a stored original.
 *
 * @param info the image header with its frame count, or {@code null} for a non-image file
 */
public record ImageDetails(Md5 md5, List<FileName> names, long size, ImageInfo info) {
}
