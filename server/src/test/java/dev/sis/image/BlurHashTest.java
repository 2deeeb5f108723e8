package dev.sis.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * BlurHash against known answers: the published value for a black image, and for generated
 * images a second, deliberately plain implementation written straight from the description
 * (no tables, one pixel at a time, its own base-83 and sRGB formulas).
 */
class BlurHashTest {

    @Test
    void aBlackImageHasThePublishedHash() {
        int[] black = new int[32 * 32];
        java.util.Arrays.fill(black, 0xFF000000);
        // size flag 'L' (4×3), max AC '0', DC "0000", then eleven zero components "fQ"
        assertThat(BlurHash.encode(black, 32, 32, 4, 3)).isEqualTo("L00000" + "fQ".repeat(11));
    }

    @Test
    void aFlatColourHasOnlyItsAverage() {
        int[] white = new int[8 * 8];
        java.util.Arrays.fill(white, 0xFFFFFFFF);
        assertThat(BlurHash.encode(white, 8, 8, 1, 1)).isEqualTo(Plain.encode(white, 8, 8, 1, 1));
        assertThat(BlurHash.encode(white, 8, 8, 1, 1)).hasSize(6).startsWith("00");
    }

    @Test
    void generatedImagesMatchThePlainImplementation() {
        Random random = new Random(7);
        for (int n = 0; n < 5; n++) {
            int w = 5 + random.nextInt(40);
            int h = 5 + random.nextInt(40);
            int[] pixels = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // a gradient with noise: every component is non-zero
                    int r = (x * 255 / w + random.nextInt(20)) & 0xFF;
                    int g = (y * 255 / h) & 0xFF;
                    int b = random.nextInt(256);
                    pixels[y * w + x] = 0xFF000000 | r << 16 | g << 8 | b;
                }
            }
            int cx = 1 + random.nextInt(9);
            int cy = 1 + random.nextInt(9);
            assertThat(BlurHash.encode(pixels, w, h, cx, cy)).as("%dx%d, %dx%d components", w, h, cx, cy)
                    .isEqualTo(Plain.encode(pixels, w, h, cx, cy));
        }
    }

    /** The reference: the description, transcribed as plainly as possible. */
    private static final class Plain {
        static String encode(int[] px, int w, int h, int cx, int cy) {
            double[][] f = new double[cx * cy][3];
            for (int j = 0; j < cy; j++) {
                for (int i = 0; i < cx; i++) {
                    double norm = (i == 0 && j == 0) ? 1 : 2;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            double basis = norm * Math.cos(Math.PI * i * x / w) * Math.cos(Math.PI * j * y / h);
                            int p = px[y * w + x];
                            f[j * cx + i][0] += basis * lin((p >> 16) & 255);
                            f[j * cx + i][1] += basis * lin((p >> 8) & 255);
                            f[j * cx + i][2] += basis * lin(p & 255);
                        }
                    }
                    for (int c = 0; c < 3; c++) {
                        f[j * cx + i][c] /= (double) w * h;
                    }
                }
            }
            String out = b83((cx - 1) + (cy - 1) * 9, 1);
            double maxV = 1;
            if (cx * cy > 1) {
                double m = 0;
                for (int k = 1; k < f.length; k++) {
                    m = Math.max(m, Math.max(Math.abs(f[k][0]), Math.max(Math.abs(f[k][1]), Math.abs(f[k][2]))));
                }
                int q = (int) Math.floor(Math.max(0, Math.min(82, Math.floor(m * 166 - 0.5))));
                maxV = (q + 1) / 166.0;
                out += b83(q, 1);
            } else {
                out += b83(0, 1);
            }
            out += b83(srgb(f[0][0]) * 65536 + srgb(f[0][1]) * 256 + srgb(f[0][2]), 4);
            for (int k = 1; k < f.length; k++) {
                out += b83(quant(f[k][0] / maxV) * 361 + quant(f[k][1] / maxV) * 19 + quant(f[k][2] / maxV), 2);
            }
            return out;
        }

        static int quant(double v) {
            double s = v < 0 ? -Math.sqrt(-v) : Math.sqrt(v);
            return (int) Math.floor(Math.max(0, Math.min(18, Math.floor(s * 9 + 9.5))));
        }

        static double lin(int c) {
            double v = c / 255.0;
            return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }

        static int srgb(double v) {
            v = Math.max(0, Math.min(1, v));
            return v <= 0.0031308 ? (int) (v * 12.92 * 255 + 0.5) : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
        }

        static String b83(int value, int length) {
            String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
            StringBuilder s = new StringBuilder();
            for (int i = length - 1; i >= 0; i--) {
                s.append(alphabet.charAt((int) (value / Math.pow(83, i)) % 83));
            }
            return s.toString();
        }
    }
}
