package dev.sis.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the EXIF orientation of a JPEG (APP1 "Exif"), PNG (eXIf chunk) or WebP (EXIF chunk),
 * walking only the container's segment or chunk headers and reading only IFD0 of the EXIF
 * block. Anything malformed, missing or outside the bounds read counts as upright: a broken
 * EXIF block never makes an image unreadable (viewers behave the same).
 */
final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;
    /** The most EXIF bytes looked at: IFD0 sits at its start, and a JPEG segment cannot be larger. */
    private static final int MAX_EXIF_BYTES = 65_535;
    /** Segments or chunks walked before giving up: real files have a handful before the pixels. */
    private static final int MAX_BLOCKS = 256;

    private ExifOrientation() {
    }

    /**
     * Reads the orientation from {@code stream}, which must be positioned at the start of the
     * file; leaves it there again.
     */
    static Orientation read(ImageInputStream stream, ImageFormat format) throws IOException {
        long start = stream.getStreamPosition();
        try {
            byte[] exif = switch (format) {
                case JPEG -> fromJpeg(stream);
                case PNG -> fromPng(stream);
                case WEBP -> fromWebp(stream);
                case GIF, BMP, AVIF -> null; // AVIF is never a source (never sniffed)
            };
            return exif == null ? Orientation.NORMAL : Orientation.fromExif(orientationTag(exif));
        } catch (EOFException truncated) {
            return Orientation.NORMAL;
        } finally {
            stream.seek(start);
        }
    }

    private static byte[] fromJpeg(ImageInputStream in) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            return null;
        }
        for (int i = 0; i < MAX_BLOCKS; i++) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                return null;
            }
            int type = in.readUnsignedByte();
            while (type == 0xFF) {
                type = in.readUnsignedByte();
            }
            if (type == 0xDA || type == 0xD9) {
                return null; // start of scan or end of image: no EXIF before the pixels
            }
            if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                continue; // markers without a length
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                return null;
            }
            if (type == 0xE1 && length >= 6) {
                byte[] payload = readBytes(in, length);
                if (startsWith(payload, "Exif\0\0")) {
                    return Arrays.copyOfRange(payload, 6, payload.length);
                }
            } else {
                in.skipBytes(length);
            }
        }
        return null;
    }

    private static byte[] fromPng(ImageInputStream in) throws IOException {
        in.skipBytes(8);
        for (int i = 0; i < MAX_BLOCKS; i++) {
            long length = in.readUnsignedInt();
            String type = fourCc(in);
            if (type.equals("IDAT") || type.equals("IEND")) {
                return null;
            }
            if (type.equals("eXIf")) {
                return readBytes(in, (int) Math.min(length, MAX_EXIF_BYTES));
            }
            skip(in, length + 4); // the data and its CRC
        }
        return null;
    }

    private static byte[] fromWebp(ImageInputStream in) throws IOException {
        in.skipBytes(12); // "RIFF", size, "WEBP"
        for (int i = 0; i < MAX_BLOCKS; i++) {
            String type = fourCc(in);
            long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            if (type.equals("EXIF")) {
                byte[] exif = readBytes(in, (int) Math.min(size, MAX_EXIF_BYTES));
                // Some writers keep JPEG's "Exif\0\0" prefix in the chunk.
                return startsWith(exif, "Exif\0\0") ? Arrays.copyOfRange(exif, 6, exif.length) : exif;
            }
            skip(in, size + (size & 1));
        }
        return null;
    }

    /** The orientation value in IFD0 of a TIFF-structured EXIF block, or 1 when there is none. */
    static int orientationTag(byte[] tiff) {
        if (tiff.length < 8) {
            return 1;
        }
        boolean little;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            little = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(tiff, 2, little) != 42) {
            return 1;
        }
        long ifd = u32(tiff, 4, little);
        if (ifd < 8 || ifd + 2 > tiff.length) {
            return 1;
        }
        int count = u16(tiff, (int) ifd, little);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > tiff.length) {
                return 1;
            }
            if (u16(tiff, entry, little) == ORIENTATION_TAG) {
                int type = u16(tiff, entry + 2, little);
                return type == 3 ? u16(tiff, entry + 8, little) : 1; // SHORT, stored in the entry
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? x | y << 8 : x << 8 | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, at + (little ? 2 : 0), little);
        long low = u16(b, at + (little ? 0 : 2), little);
        return high << 16 | low;
    }

    private static byte[] readBytes(ImageInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void skip(ImageInputStream in, long length) throws IOException {
        in.seek(in.getStreamPosition() + length);
    }

    private static String fourCc(ImageInputStream in) throws IOException {
        byte[] b = readBytes(in, 4);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
