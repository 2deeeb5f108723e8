package dev.sis.client;

import java.util.List;

/**
 * What {@code GET /v1/info/{md5}} tells about a stored image. The image fields are {@code null}
 * for a file that is not an image (a server run with {@code --accept-any-file}).
 *
 * @param md5         32 lowercase hexadecimal digits
 * @param names       every name stored under this MD5
 * @param size        bytes
 * @param contentType the media type of its real format
 * @param format      {@code jpeg}, {@code png}, {@code gif}, {@code webp}, {@code bmp}, … or {@code null}
 * @param width       pixels as displayed (after the EXIF orientation), or {@code null}
 * @param height      pixels as displayed, or {@code null}
 * @param frames      1, or the number of frames of an animation, or {@code null}
 * @param focal         where the subject is, as fractions of the width and height; {@code null}
 *                      until the analysis the server makes after an upload is stored
 * @param blurhash      a BlurHash placeholder, or {@code null} until known
 * @param dominantColor {@code #rrggbb}, or {@code null} until known
 */
public record ImageInfo(String md5, List<String> names, long size, String contentType, String format,
                        Integer width, Integer height, Integer frames,
                        FocalPoint focal, String blurhash, String dominantColor) {
    public ImageInfo {
        names = names == null ? List.of() : List.copyOf(names);
    }

    /** What is known before the analysis: no focal point, BlurHash or colour. */
    public ImageInfo(String md5, List<String> names, long size, String contentType, String format,
                     Integer width, Integer height, Integer frames) {
        this(md5, names, size, contentType, format, width, height, frames, null, null, null);
    }

    /** A focal point: fractions 0 … 1 of the width and the height. */
    public record FocalPoint(double x, double y) {
    }
}
