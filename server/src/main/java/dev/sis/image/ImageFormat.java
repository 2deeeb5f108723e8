package dev.sis.image;

import java.util.Locale;
import java.util.Optional;

/** The image formats sis recognises, with what each is on the wire. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", true),
    PNG("image/png", "png", true),
    GIF("image/gif", "gif", true),
    WEBP("image/webp", "webp", true),
    BMP("image/bmp", "bmp", false),
    /** Written by the vips engine only (libheif's AV1 encoder); never sniffed, so never a source. */
    AVIF("image/avif", "avif", true);

    private final String mediaType;
    private final String extension;
    private final boolean writable;

    ImageFormat(String mediaType, String extension, boolean writable) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.writable = writable;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** Whether variants can be encoded in this format. */
    public boolean writable() {
        return writable;
    }

    /** Whether the quality parameter changes the encoded bytes. */
    public boolean lossy() {
        return this == JPEG || this == WEBP || this == AVIF;
    }

    /** The name used in URLs ({@code format=jpeg}). */
    public String urlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImageFormat> fromUrlName(String name) {
        for (ImageFormat format : values()) {
            if (format.urlName().equals(name) || (format == JPEG && "jpg".equals(name))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * Recognises a format from a file's first bytes (its magic number). Needs at most 12 bytes.
     *
     * @return the format, or empty when the bytes are not the start of a known image format
     */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && u(head[0]) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
                && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return Optional.of(GIF);
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (length >= 2 && head[0] == 'B' && head[1] == 'M') {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** Bytes {@link #sniff} needs to see. */
    public static final int SNIFF_LENGTH = 12;

    private static int u(byte b) {
        return b & 0xFF;
    }
}
