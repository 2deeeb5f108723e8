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
    /** Written by the vips engine only (libheif's AV1 encoder); read by it too. */
    AVIF("image/avif", "avif", true),
    /** HEIF with HEVC pictures, as phones write: read by the vips engine only (libheif), never written. */
    HEIC("image/heic", "heic", false),
    /** HEIF whose brands name neither HEVC nor AV1 ({@code mif1} alone): read by the vips engine only. */
    HEIF("image/heif", "heif", false);

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
     * Recognises a format from a file's first bytes (its magic number; for HEIF, the brands of its
     * file type box). Needs at most {@link #SNIFF_LENGTH} bytes.
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
        return heifBrand(head, length);
    }

    /** Whether the format is a HEIF container (its header is boxes: {@code HeifHeader}). */
    public boolean heif() {
        return this == AVIF || this == HEIC || this == HEIF;
    }

    /**
     * The format a variant is written in when none is asked: the source's own when sis writes it;
     * else JPEG for HEIC and HEIF (browsers but Safari cannot show them; photos need no alpha) and
     * PNG for BMP (lossless, like the source).
     */
    public ImageFormat defaultVariantFormat() {
        if (writable) {
            return this;
        }
        return this == HEIC || this == HEIF ? JPEG : PNG;
    }

    /**
     * A HEIF file type box ({@code ftyp}): its major brand first, then its compatible brands as far
     * as {@code head} holds them. An AV1 brand anywhere makes AVIF, else an HEVC brand HEIC, else a generic image brand HEIF
     * (libheif's AVIF files say {@code mif1} first, phones {@code heic}).
     */
    private static Optional<ImageFormat> heifBrand(byte[] head, int length) {
        if (length < 12 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') {
            return Optional.empty();
        }
        long boxSize = ((long) u(head[0]) << 24) | (u(head[1]) << 16) | (u(head[2]) << 8) | u(head[3]);
        int end = (int) Math.min(Math.min(length, head.length), Math.max(12, boxSize));
        boolean avif = false;
        boolean heic = false;
        boolean generic = false;
        for (int at = 8; at + 4 <= end; at += at == 8 ? 8 : 4) { // the major brand, then the compatible ones
            switch (brand(new String(head, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                case AVIF -> avif = true;
                case HEIC -> heic = true;
                case HEIF -> generic = true;
                case null, default -> {
                    // another brand (isom, miaf…)
                }
            }
        }
        return Optional.ofNullable(avif ? AVIF : heic ? HEIC : generic ? HEIF : null);
    }

    /** The format a HEIF brand implies, or null for any other brand. */
    private static ImageFormat brand(String brand) {
        return switch (brand) {
            case "avif", "avis" -> AVIF;
            case "heic", "heix", "heim", "heis", "hevc", "hevx" -> HEIC;
            case "mif1", "msf1" -> HEIF;
            default -> null;
        };
    }

    /** Bytes {@link #sniff} needs to see. */
    public static final int SNIFF_LENGTH = 64;

    private static int u(byte b) {
        return b & 0xFF;
    }
}
