package dev.sis.image;

/**
 * Whether a file embeds an ICC profile, found by walking its structure (a JPEG's segments, a PNG's
 * or a WebP's chunk headers) up to its pixels, where a profile always is; no copy of the file, no
 * text made of it. HEIF's {@code colr} box sits deep in its {@code meta} box, so there the first
 * 64 KiB are searched for the box's type and kind in one pass.
 */
final class EmbeddedIcc {
    /** How far into a HEIF file its {@code colr} box is looked for: the meta box comes first. */
    private static final int HEIF_SEARCH = 64 * 1024;
    private static final int PNG_SIGNATURE = 8;
    private static final int WEBP_HEADER = 12;

    private EmbeddedIcc() {
    }

    /**
     * Whether {@code file} (the whole file, or its first bytes up to its pixels) embeds a profile:
     * a JPEG's APP2 {@code ICC_PROFILE}, a PNG's {@code iCCP}, a WebP's {@code ICCP}, a HEIF
     * {@code colr} box of kind {@code prof} or {@code rICC}. GIF's never count: libvips ignores them.
     */
    static boolean present(ImageFormat format, byte[] file) {
        return switch (format) {
            case JPEG -> JpegHead.read(file).iccProfile() != null;
            case PNG -> inPng(file);
            case WEBP -> inWebp(file);
            default -> format.heif() && inHeif(file);
        };
    }

    /**
     * Whether libvips should convert from an embedded profile: any profile but a JPEG's sRGB one
     * ({@link SrgbProfile}), whose pixels are sRGB already (the transform would cost a pass and
     * change nothing).
     */
    static boolean toConvert(ImageFormat format, byte[] file) {
        if (format == ImageFormat.JPEG) {
            byte[] profile = JpegHead.read(file).iccProfile();
            return profile != null && !SrgbProfile.matches(profile);
        }
        return present(format, file);
    }

    /** Chunks are length (4 bytes, big-endian), type, data, CRC; iCCP comes before the first IDAT. */
    private static boolean inPng(byte[] png) {
        long at = PNG_SIGNATURE;
        while (at + 8 <= png.length) {
            int i = (int) at;
            long length = ((png[i] & 0xFFL) << 24) | ((png[i + 1] & 0xFF) << 16) | ((png[i + 2] & 0xFF) << 8)
                    | (png[i + 3] & 0xFF);
            if (is(png, i + 4, "iCCP")) {
                return true;
            }
            if (is(png, i + 4, "IDAT") || is(png, i + 4, "IEND")) {
                return false;
            }
            at += 12 + length;
        }
        return false;
    }

    /**
     * After {@code RIFF}, the size and {@code WEBP}: chunks of a type, a size (4 bytes,
     * little-endian) and data padded to an even length; ICCP comes before any frame or bitstream.
     */
    private static boolean inWebp(byte[] webp) {
        long at = WEBP_HEADER;
        while (at + 8 <= webp.length) {
            int i = (int) at;
            if (is(webp, i, "ICCP")) {
                return true;
            }
            if (is(webp, i, "ANIM") || is(webp, i, "ANMF") || is(webp, i, "ALPH") || is(webp, i, "VP8 ")
                    || is(webp, i, "VP8L")) {
                return false;
            }
            long size = (webp[i + 4] & 0xFF) | ((webp[i + 5] & 0xFF) << 8) | ((webp[i + 6] & 0xFF) << 16)
                    | ((webp[i + 7] & 0xFFL) << 24);
            at += 8 + size + (size & 1);
        }
        return false;
    }

    private static boolean inHeif(byte[] heif) {
        int end = Math.min(heif.length, HEIF_SEARCH) - 8;
        for (int i = 0; i <= end; i++) {
            if (heif[i] == 'c' && is(heif, i, "colr") && (is(heif, i + 4, "prof") || is(heif, i + 4, "rICC"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the four bytes at {@code at} are {@code type}'s four ASCII letters. */
    private static boolean is(byte[] bytes, int at, String type) {
        return bytes[at] == type.charAt(0) && bytes[at + 1] == type.charAt(1) && bytes[at + 2] == type.charAt(2)
                && bytes[at + 3] == type.charAt(3);
    }
}
