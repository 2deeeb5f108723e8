package dev.sis.image;

import java.nio.ByteBuffer;

/**
 * Recognises an embedded ICC profile that describes sRGB, so that its pixels need no colour
 * conversion (issue 18): most camera and phone JPEGs embed one of a handful of sRGB profiles
 * (HP's IEC 61966-2.1, Java's, libvips', lcms', Apple's, Google's compact one), and converting
 * through any of them costs a pass over every pixel and changes nothing.
 *
 * <p>The profile is judged by what a colour engine would apply, not by its name, so a renamed
 * copy passes and a lying name does not: an RGB matrix/TRC profile whose three colourants
 * ({@code rXYZ}, {@code gXYZ}, {@code bXYZ}, D50-adapted) are sRGB's within {@link #COLOURANT_TOLERANCE}
 * and whose three tone curves ({@code rTRC}, {@code gTRC}, {@code bTRC}, sampled or parametric)
 * stay within half an 8-bit level of sRGB's. A profile with lookup tables ({@code A2B0}…), which
 * engines prefer to the matrix, is never taken as sRGB: it is converted, as before.
 */
final class SrgbProfile {
    /** sRGB's colourants adapted to D50 (Bradford), as in IEC 61966-2.1's ICC profiles. */
    private static final double[][] COLOURANTS = {
            {0.4361, 0.2225, 0.0139}, {0.3851, 0.7169, 0.0971}, {0.1431, 0.0606, 0.7141}};
    /**
     * How far each colourant component may be from sRGB's: the published profiles differ by
     * their rounding (under 0.001); Display P3's red is 0.08 away, Adobe RGB's 0.17.
     */
    private static final double COLOURANT_TOLERANCE = 0.003;
    /** How far a tone curve may stray, in 8-bit levels of the encoded value. */
    private static final double CURVE_TOLERANCE = 0.5;

    private SrgbProfile() {
    }

    /** Whether {@code icc} (a whole ICC profile; null or broken: no) describes sRGB. */
    static boolean matches(byte[] icc) {
        if (icc == null || icc.length < 132) {
            return false;
        }
        try {
            return matchesOrThrow(ByteBuffer.wrap(icc));
        } catch (IndexOutOfBoundsException | IllegalArgumentException broken) {
            return false;
        }
    }

    private static boolean matchesOrThrow(ByteBuffer icc) {
        if (!"RGB ".equals(signature(icc, 16)) || !"XYZ ".equals(signature(icc, 20))) {
            return false;
        }
        int tags = icc.getInt(128);
        if (tags < 0 || tags > (icc.limit() - 132) / 12) {
            return false;
        }
        int[] colourants = new int[3];
        int[] curves = new int[3];
        for (int i = 0; i < tags; i++) {
            int at = 132 + 12 * i;
            String name = signature(icc, at);
            int offset = icc.getInt(at + 4);
            if (name.startsWith("A2B") || name.startsWith("B2A")) {
                return false;
            }
            int channel = "rgb".indexOf(name.charAt(0));
            if (channel >= 0 && name.endsWith("XYZ")) {
                colourants[channel] = offset;
            } else if (channel >= 0 && name.endsWith("TRC")) {
                curves[channel] = offset;
            }
        }
        for (int c = 0; c < 3; c++) {
            if (colourants[c] <= 0 || curves[c] <= 0 || !colourant(icc, colourants[c], COLOURANTS[c])
                    || !srgbCurve(icc, curves[c])) {
                return false;
            }
        }
        return true;
    }

    private static boolean colourant(ByteBuffer icc, int at, double[] expected) {
        if (!"XYZ ".equals(signature(icc, at))) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (Math.abs(icc.getInt(at + 8 + 4 * i) / 65536.0 - expected[i]) > COLOURANT_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Whether the {@code curv} or {@code para} tag at {@code at} is sRGB's tone curve, sampled at every 8-bit level. */
    private static boolean srgbCurve(ByteBuffer icc, int at) {
        ToneCurve curve = ToneCurve.read(icc, at);
        if (curve == null) {
            return false;
        }
        for (int level = 0; level <= 255; level++) {
            double linear = curve.apply(level / 255.0);
            if (Math.abs(encode(linear) * 255 - level) > CURVE_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** sRGB's encoding of linear light (the inverse of its tone curve). */
    private static double encode(double linear) {
        double v = Math.clamp(linear, 0, 1);
        return v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    }

    private static String signature(ByteBuffer icc, int at) {
        byte[] four = new byte[4];
        icc.get(at, four);
        return new String(four, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** An ICC tone curve: a table of 16-bit samples ({@code curv}) or one of five functions ({@code para}). */
    private interface ToneCurve {
        double apply(double x);

        /** The curve at {@code at}, or null when it is neither type (or a kind sRGB never is). */
        static ToneCurve read(ByteBuffer icc, int at) {
            String type = signature(icc, at);
            if (type.equals("curv")) {
                int count = icc.getInt(at + 8);
                if (count < 2 || count > (icc.limit() - at - 12) / 2) {
                    return null; // identity or a pure gamma: never sRGB's curve
                }
                double[] table = new double[count];
                for (int i = 0; i < count; i++) {
                    table[i] = (icc.getShort(at + 12 + 2 * i) & 0xFFFF) / 65535.0;
                }
                return x -> {
                    double position = x * (count - 1);
                    int below = (int) Math.floor(position);
                    int above = Math.min(below + 1, count - 1);
                    return table[below] + (table[above] - table[below]) * (position - below);
                };
            }
            if (type.equals("para")) {
                int function = icc.getShort(at + 8);
                int[] arity = {1, 3, 4, 5, 7};
                if (function < 0 || function >= arity.length) {
                    return null;
                }
                double[] p = new double[7];
                for (int i = 0; i < arity[function]; i++) {
                    p[i] = icc.getInt(at + 12 + 4 * i) / 65536.0;
                }
                return x -> parametric(function, p, x);
            }
            return null;
        }

        /** ICC.1:2010 table 65: g, a, b, c, d, e, f. */
        private static double parametric(int function, double[] p, double x) {
            double g = p[0], a = p[1], b = p[2], c = p[3], d = p[4], e = p[5], f = p[6];
            return switch (function) {
                case 0 -> Math.pow(x, g);
                case 1 -> x >= -b / a ? Math.pow(a * x + b, g) : 0;
                case 2 -> x >= -b / a ? Math.pow(a * x + b, g) + c : c;
                case 3 -> x >= d ? Math.pow(a * x + b, g) : c * x;
                default -> x >= d ? Math.pow(a * x + b, g) + e : c * x + f;
            };
        }
    }
}
