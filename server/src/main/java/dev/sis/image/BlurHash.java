package dev.sis.image;

/**
 * The BlurHash of an image (the published algorithm, written here from its description): the
 * image's colours in linear light are projected onto {@code cx × cy} cosine patterns; the average
 * (DC) is written as sRGB in 4 base-83 digits, the other components relative to the largest one,
 * each channel's square root quantised to 19 levels, in 2 digits each. A client turns the short
 * string back into a blurred placeholder before the image arrives.
 */
public final class BlurHash {
    private static final String DIGITS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    /** sRGB byte → linear light, once. */
    private static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double v = i / 255.0;
            LINEAR[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
    }

    private BlurHash() {
    }

    /**
     * @param argb   the pixels, row by row (alpha is ignored)
     * @param cx, cy components across and down, each 1..9
     */
    public static String encode(int[] argb, int width, int height, int cx, int cy) {
        if (cx < 1 || cx > 9 || cy < 1 || cy > 9) {
            throw new IllegalArgumentException("components must be from 1 to 9");
        }
        double[][] factors = new double[cx * cy][];
        double[] cosX = new double[width * cx];
        double[] cosY = new double[height * cy];
        for (int i = 0; i < cx; i++) {
            for (int x = 0; x < width; x++) {
                cosX[i * width + x] = Math.cos(Math.PI * i * x / width);
            }
        }
        for (int j = 0; j < cy; j++) {
            for (int y = 0; y < height; y++) {
                cosY[j * height + y] = Math.cos(Math.PI * j * y / height);
            }
        }
        for (int j = 0; j < cy; j++) {
            for (int i = 0; i < cx; i++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        double basis = cosX[i * width + x] * cosY[j * height + y];
                        int p = argb[y * width + x];
                        r += basis * LINEAR[(p >> 16) & 0xFF];
                        g += basis * LINEAR[(p >> 8) & 0xFF];
                        b += basis * LINEAR[p & 0xFF];
                    }
                }
                double scale = (i == 0 && j == 0 ? 1.0 : 2.0) / ((double) width * height);
                factors[j * cx + i] = new double[] {r * scale, g * scale, b * scale};
            }
        }
        StringBuilder hash = new StringBuilder();
        digits(hash, (cx - 1) + (cy - 1) * 9, 1);
        double maximum = 1;
        if (factors.length > 1) {
            double largest = 0;
            for (int k = 1; k < factors.length; k++) {
                for (double c : factors[k]) {
                    largest = Math.max(largest, Math.abs(c));
                }
            }
            int quantised = (int) Math.max(0, Math.min(82, Math.floor(largest * 166 - 0.5)));
            maximum = (quantised + 1) / 166.0;
            digits(hash, quantised, 1);
        } else {
            digits(hash, 0, 1);
        }
        double[] dc = factors[0];
        digits(hash, (srgb(dc[0]) << 16) | (srgb(dc[1]) << 8) | srgb(dc[2]), 4);
        for (int k = 1; k < factors.length; k++) {
            double[] ac = factors[k];
            digits(hash, level(ac[0], maximum) * 19 * 19 + level(ac[1], maximum) * 19 + level(ac[2], maximum), 2);
        }
        return hash.toString();
    }

    /** A component relative to the largest, as one of 19 levels of its signed square root. */
    private static int level(double value, double maximum) {
        double v = value / maximum;
        double root = Math.signum(v) * Math.sqrt(Math.abs(v));
        return (int) Math.max(0, Math.min(18, Math.floor(root * 9 + 9.5)));
    }

    private static int srgb(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        double s = v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
        return (int) Math.round(s * 255);
    }

    private static void digits(StringBuilder hash, int value, int length) {
        for (int i = 1; i <= length; i++) {
            int divisor = (int) Math.pow(83, length - i);
            hash.append(DIGITS.charAt((value / divisor) % 83));
        }
    }
}
