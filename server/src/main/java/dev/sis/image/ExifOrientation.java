package dev.sis.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Finds the EXIF orientation of a JPEG (APP1 "Exif"), PNG (eXIf chunk) or WebP (EXIF chunk).
 * TwelveMonkeys' metadata module finds the JPEG segment and reads the EXIF (TIFF) structure, with
 * its own bounds and loop checks; PNG and WebP chunks are walked here, headers only, since the
 * module has no reader for them. Anything malformed, missing or outside the bounds read counts as
 * upright: a broken EXIF block never makes an image unreadable (viewers behave the same).
 */
final class ExifOrientation {
    /** The most EXIF bytes looked at: IFD0 sits at its start, and a JPEG segment cannot be larger. */
    private static final int MAX_EXIF_BYTES = 65_535;
    /** Chunks walked before giving up: real files have a handful before the pixels. */
    private static final int MAX_CHUNKS = 256;
    private static final byte[] EXIF_PREFIX = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

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
                // HEIF files turn by their irot and imir boxes (HeifHeader), never read here
                case GIF, BMP, AVIF, HEIC, HEIF -> null;
            };
            return exif == null ? Orientation.NORMAL : Orientation.fromExif(orientationTag(exif));
        } catch (IOException | RuntimeException malformed) {
            // A truncated or inconsistent container or EXIF block: no orientation. Whatever is
            // really wrong with the file (a deadline, a read failure) the decoder meets again.
            return Orientation.NORMAL;
        } finally {
            stream.seek(start);
        }
    }

    private static byte[] fromJpeg(ImageInputStream in) throws IOException {
        List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
        if (segments.isEmpty()) {
            return null;
        }
        try (DataInputStream data = new DataInputStream(segments.getFirst().data())) {
            data.skipBytes(1); // the identifier is "Exif\0" and then a pad byte
            return data.readAllBytes();
        }
    }

    private static byte[] fromPng(ImageInputStream in) throws IOException {
        in.skipBytes(8);
        for (int i = 0; i < MAX_CHUNKS; i++) {
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
        for (int i = 0; i < MAX_CHUNKS; i++) {
            String type = fourCc(in);
            long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            if (type.equals("EXIF")) {
                byte[] exif = readBytes(in, (int) Math.min(size, MAX_EXIF_BYTES));
                // Some writers keep JPEG's "Exif\0\0" prefix in the chunk.
                return Arrays.equals(exif, 0, Math.min(exif.length, EXIF_PREFIX.length), EXIF_PREFIX, 0, EXIF_PREFIX.length)
                        ? Arrays.copyOfRange(exif, EXIF_PREFIX.length, exif.length) : exif;
            }
            skip(in, size + (size & 1));
        }
        return null;
    }

    /** The orientation value in IFD0 of a TIFF-structured EXIF block, or 1 when there is none. */
    static int orientationTag(byte[] tiff) throws IOException {
        Directory ifd0;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff))) {
            ifd0 = new TIFFReader().read(in);
        }
        Entry orientation = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
        // One SHORT as the spec says; anything else (a LONG, a string, an array) is not an orientation.
        return orientation != null && "SHORT".equals(orientation.getTypeName())
                && orientation.getValue() instanceof Number n ? n.intValue() : 1;
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
        return new String(readBytes(in, 4), StandardCharsets.ISO_8859_1);
    }
}
