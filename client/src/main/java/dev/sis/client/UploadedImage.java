package dev.sis.client;

/**
 * A stored upload, as the server answered it. The /v1 API tells everything; sis 2.0's
 * {@code /up} (legacy mode) tells only the name and MD5, and the other fields are {@code null}.
 *
 * @param name        the name it was stored under
 * @param md5         32 lowercase hexadecimal digits
 * @param size        bytes, or {@code null} in legacy mode
 * @param contentType the media type of its real format ({@code application/octet-stream} for a
 *                    file that is not an image), or {@code null} in legacy mode
 * @param width       pixels as displayed, or {@code null} (legacy mode, or not an image)
 * @param height      pixels as displayed, or {@code null} (legacy mode, or not an image)
 */
public record UploadedImage(String name, String md5, Long size, String contentType, Integer width, Integer height) {
    /** Which image this is, to download, inspect or delete it. */
    public ImageId id() {
        return ImageId.of(md5, name);
    }
}
