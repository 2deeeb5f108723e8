package dev.sis.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Reads the ICC profile a JPEG embeds: its APP2 {@code ICC_PROFILE} segments, joined in their
 * sequence numbers' order (a profile over 64 KiB spans several). Only the segments before the
 * first scan are looked at: a profile always comes before the pixels.
 */
final class JpegIccProfile {
    private static final byte[] TAG = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegIccProfile() {
    }

    /** The profile in {@code jpeg} (the file, or its head up to the first scan), or null when it has none. */
    static byte[] read(byte[] jpeg) {
        TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            int payload = at + 4;
            int end = Math.min(jpeg.length, at + 2 + length);
            if (marker == 0xE2 && end - payload > TAG.length + 2
                    && Arrays.equals(jpeg, payload, payload + TAG.length, TAG, 0, TAG.length)) {
                int sequence = jpeg[payload + TAG.length] & 0xFF;
                chunks.put(sequence, Arrays.copyOfRange(jpeg, payload + TAG.length + 2, end));
            }
            at += 2 + Math.max(length, 2);
        }
        if (chunks.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.values().forEach(joined::writeBytes);
        return joined.toByteArray();
    }
}
