package dev.sis.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** ICC profiles for the colour tests, made from Java's own sRGB profile without any file. */
final class IccProfiles {
    private IccProfiles() {
    }

    /** Java's sRGB profile. */
    static byte[] javaSrgb() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    /** sRGB under another name, as another vendor's copy would be: every "sRGB" in its texts reads "Mine". */
    static byte[] renamedSrgb() {
        byte[] icc = javaSrgb();
        byte[] from = "sRGB".getBytes(StandardCharsets.ISO_8859_1);
        byte[] to = "Mine".getBytes(StandardCharsets.ISO_8859_1);
        int renamed = 0;
        for (int i = 128; i + 4 <= icc.length; i++) {
            if (java.util.Arrays.equals(icc, i, i + 4, from, 0, 4)) {
                System.arraycopy(to, 0, icc, i, 4);
                renamed++;
            }
        }
        if (renamed == 0) {
            throw new IllegalStateException("Java's sRGB profile names itself otherwise");
        }
        return icc;
    }

    /**
     * sRGB's tone curves with Adobe RGB (1998)'s primaries, adapted to D50: a wide-gamut profile
     * whose saturated colours become less saturated in sRGB, and which calls itself sRGB still.
     */
    static byte[] adobeRgbPrimaries() {
        byte[] icc = javaSrgb();
        double[][] primaries = {{0.6097, 0.3111, 0.0195}, {0.2053, 0.6257, 0.0609}, {0.1492, 0.0632, 0.7446}};
        ByteBuffer buffer = ByteBuffer.wrap(icc);
        int tags = buffer.getInt(128);
        for (int i = 0; i < tags; i++) {
            int at = 132 + 12 * i;
            String name = new String(icc, at, 4, StandardCharsets.ISO_8859_1);
            int channel = "rgb".indexOf(name.charAt(0));
            if (channel >= 0 && name.endsWith("XYZ")) {
                int offset = buffer.getInt(at + 4);
                for (int c = 0; c < 3; c++) {
                    buffer.putInt(offset + 8 + 4 * c, (int) Math.round(primaries[channel][c] * 65536));
                }
            }
        }
        return icc;
    }
}
