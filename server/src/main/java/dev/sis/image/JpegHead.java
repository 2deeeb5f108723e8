package dev.sis.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * What sis reads from a JPEG's segments before its first scan, in one walk: the frame header's
 * marker (0xC0 baseline, 0xC2 progressive Huffman…) and number of components, and the ICC profile
 * (its APP2 {@code ICC_PROFILE} segments joined in their sequence numbers' order: a profile over
 * 64 KiB spans several). A profile and the frame header always come before the pixels.
 *
 * @param frameMarker the frame header's marker, or -1 when none was found
 * @param components  the frame's colour components, or -1 when no frame header was found
 * @param iccProfile  the embedded profile, or null when there is none
 */
record JpegHead(int frameMarker, int components, byte[] iccProfile) {
    private static final byte[] ICC_TAG = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

    /** The head of {@code jpeg} (the file, or its first bytes up to the first scan). */
    static JpegHead read(byte[] jpeg) {
        int frameMarker = -1;
        int components = -1;
        TreeMap<Integer, byte[]> iccChunks = new TreeMap<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill bytes before a marker
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            int payload = at + 4;
            int end = Math.min(jpeg.length, at + 2 + length);
            if (frameMarker < 0 && isFrameHeader(marker) && at + 9 < jpeg.length) {
                frameMarker = marker;
                components = jpeg[at + 9] & 0xFF;
            }
            if (marker == 0xE2 && end - payload > ICC_TAG.length + 2
                    && Arrays.equals(jpeg, payload, payload + ICC_TAG.length, ICC_TAG, 0, ICC_TAG.length)) {
                int sequence = jpeg[payload + ICC_TAG.length] & 0xFF;
                iccChunks.put(sequence, Arrays.copyOfRange(jpeg, payload + ICC_TAG.length + 2, end));
            }
            at += 2 + Math.max(length, 2);
        }
        return new JpegHead(frameMarker, components, joined(iccChunks));
    }

    /** SOF0 to SOF15, less DHT (0xC4), JPG (0xC8) and DAC (0xCC), which share the range. */
    static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static byte[] joined(TreeMap<Integer, byte[]> chunks) {
        if (chunks.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.values().forEach(joined::writeBytes);
        return joined.toByteArray();
    }
}
