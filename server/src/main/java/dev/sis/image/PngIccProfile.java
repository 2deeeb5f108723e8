package dev.sis.image;

import java.awt.color.ICC_Profile;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds a PNG's embedded ICC profile (its iCCP chunk, before the pixels). The JDK's PNG reader
 * does not apply it, so {@link ToSrgb} does. The profile is inflated with a hard cap, so a
 * crafted chunk cannot inflate to more than {@link #MAX_PROFILE_BYTES}; anything malformed
 * counts as no profile.
 */
final class PngIccProfile {
    static final int MAX_PROFILE_BYTES = 4 << 20;
    private static final int MAX_CHUNKS = 256;

    private PngIccProfile() {
    }

    /** The profile of the PNG in {@code stream} (at its start; left there again), or null. */
    static ICC_Profile read(ImageInputStream stream) throws IOException {
        long start = stream.getStreamPosition();
        try {
            stream.skipBytes(8);
            for (int i = 0; i < MAX_CHUNKS; i++) {
                long length = stream.readUnsignedInt();
                byte[] type = new byte[4];
                stream.readFully(type);
                String name = new String(type, StandardCharsets.ISO_8859_1);
                if (name.equals("IDAT") || name.equals("IEND")) {
                    return null;
                }
                if (name.equals("iCCP") && length <= MAX_PROFILE_BYTES) {
                    byte[] data = new byte[(int) length];
                    stream.readFully(data);
                    return parse(data);
                }
                stream.seek(stream.getStreamPosition() + length + 4);
            }
            return null;
        } catch (EOFException truncated) {
            return null;
        } finally {
            stream.seek(start);
        }
    }

    /** iCCP: a name of 1–79 bytes, NUL, the compression method (0), then the zlib stream. */
    private static ICC_Profile parse(byte[] data) {
        int nul = 0;
        while (nul < data.length && data[nul] != 0) {
            nul++;
        }
        if (nul + 2 > data.length || data[nul + 1] != 0) {
            return null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, nul + 2, data.length - nul - 2);
            byte[] out = new byte[MAX_PROFILE_BYTES];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                n += got;
            }
            if (!inflater.finished()) {
                return null; // over the cap
            }
            return ICC_Profile.getInstance(Arrays.copyOf(out, n));
        } catch (DataFormatException | IllegalArgumentException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
