package dev.sis.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Drops the metadata chunks ({@code EXIF}, {@code XMP }, {@code ICCP}) from a WebP file and
 * clears their flags in {@code VP8X}. libvips 8.14's WebP saver writes the source's EXIF even
 * when told to strip it; sis's variants carry no metadata, whichever engine made them.
 */
final class WebpMetadata {
    private static final int ICC_FLAG = 0x20;
    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;

    private WebpMetadata() {
    }

    /** {@code webp} without its metadata chunks; as it is when it is not a well-formed RIFF WebP file. */
    static byte[] strip(byte[] webp) {
        if (webp.length < 12 || !"RIFF".equals(fourCc(webp, 0)) || !"WEBP".equals(fourCc(webp, 8))) {
            return webp;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length);
        out.write(webp, 0, 12);
        int at = 12;
        while (at + 8 <= webp.length) {
            String type = fourCc(webp, at);
            int size = ByteBuffer.wrap(webp, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int padded = size + (size & 1);
            if (size < 0 || at + 8 + padded > webp.length) {
                return webp;
            }
            if (!type.equals("EXIF") && !type.equals("XMP ") && !type.equals("ICCP")) {
                int start = out.size();
                out.write(webp, at, 8 + padded);
                if (type.equals("VP8X") && size >= 1) {
                    byte[] sofar = out.toByteArray();
                    sofar[start + 8] &= (byte) ~(ICC_FLAG | EXIF_FLAG | XMP_FLAG);
                    out.reset();
                    out.write(sofar, 0, sofar.length);
                }
            }
            at += 8 + padded;
        }
        byte[] stripped = out.toByteArray();
        ByteBuffer.wrap(stripped, 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(stripped.length - 8);
        return stripped;
    }

    private static String fourCc(byte[] bytes, int at) {
        return new String(bytes, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
