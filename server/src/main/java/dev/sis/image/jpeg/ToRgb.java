package dev.sis.image.jpeg;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns the decoded component planes into a {@code TYPE_INT_RGB} image: YCbCr to RGB by JFIF's
 * equations (in 16-bit fixed point), grey copied to R, G and B. Chroma that is still subsampled
 * (only at full scale: when shrinking, it is decoded at the luma's resolution) is stretched by
 * linear interpolation between sample centres, a triangle filter like libjpeg's "fancy" upsampling.
 */
final class ToRgb {
    private static final int ONE = 1 << 16;
    private static final int[] CR_TO_R = new int[256];
    private static final int[] CB_TO_B = new int[256];
    private static final int[] CR_TO_G = new int[256];
    private static final int[] CB_TO_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_TO_R[i] = (int) Math.round(1.402 * ONE * x);
            CB_TO_B[i] = (int) Math.round(1.772 * ONE * x);
            CR_TO_G[i] = (int) Math.round(-0.714136 * ONE * x);
            CB_TO_G[i] = (int) Math.round(-0.344136 * ONE * x) + ONE / 2;
        }
    }

    private ToRgb() {
    }

    static BufferedImage image(Component[] components, int n, int maxHorizontal, int maxVertical, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (components.length == 1) {
            Component grey = components[0];
            for (int y = 0; y < height; y++) {
                int row = y * grey.planeStride;
                for (int x = 0; x < width; x++) {
                    int v = grey.plane[row + x] & 0xFF;
                    out[y * width + x] = v << 16 | v << 8 | v;
                }
            }
            return image;
        }
        if (atLumaResolution(components, n, maxHorizontal, maxVertical)) {
            // the usual case when shrinking: converted straight from the planes, no copies
            for (int y = 0; y < height; y++) {
                convert(components[0].plane, y * components[0].planeStride, components[1].plane,
                        y * components[1].planeStride, components[2].plane, y * components[2].planeStride,
                        out, y * width, width);
            }
            return image;
        }
        byte[] luma = full(components[0], n, maxHorizontal, maxVertical, width, height);
        byte[] cb = full(components[1], n, maxHorizontal, maxVertical, width, height);
        byte[] cr = full(components[2], n, maxHorizontal, maxVertical, width, height);
        convert(luma, 0, cb, 0, cr, 0, out, 0, width * height);
        return image;
    }

    private static boolean atLumaResolution(Component[] components, int n, int maxHorizontal, int maxVertical) {
        for (Component c : components) {
            if (c.stretchAcross(n, maxHorizontal) != 1 || c.stretchDown(n, maxVertical) != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code count} pixels of YCbCr from the three planes at their offsets into {@code out} at {@code at}. */
    private static void convert(byte[] luma, int lumaAt, byte[] cb, int cbAt, byte[] cr, int crAt, int[] out, int at,
                                int count) {
        for (int i = 0; i < count; i++) {
            int y = (luma[lumaAt + i] & 0xFF) << 16;
            int b = cb[cbAt + i] & 0xFF;
            int r = cr[crAt + i] & 0xFF;
            out[at + i] = clamp((y + CR_TO_R[r] + ONE / 2) >> 16) << 16
                    | clamp((y + CB_TO_G[b] + CR_TO_G[r]) >> 16) << 8
                    | clamp((y + CB_TO_B[b] + ONE / 2) >> 16);
        }
    }

    /**
     * The component's samples over the whole {@code width × height} image: as they are when it is
     * not subsampled, else interpolated linearly between sample centres on each subsampled axis.
     */
    private static byte[] full(Component c, int n, int maxHorizontal, int maxVertical, int width, int height) {
        int fx = c.stretchAcross(n, maxHorizontal);
        int fy = c.stretchDown(n, maxVertical);
        byte[] plane = c.plane;
        int stride = c.planeStride;
        byte[] out = new byte[width * height];
        if (fx == 1 && fy == 1) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(plane, y * stride, out, y * width, width);
            }
            return out;
        }
        int samplesAcross = Component.ceilDiv(width, fx);
        int samplesDown = Component.ceilDiv(height, fy);
        for (int y = 0; y < height; y++) {
            // Sample j's centre is at output (j + 0.5) · f - 0.5; weights in 1/(2f) units.
            int y2 = 2 * y + 1 - fy;
            int y0 = Math.floorDiv(y2, 2 * fy);
            int wy = y2 - y0 * 2 * fy;
            int ya = Math.clamp(y0, 0, samplesDown - 1) * stride;
            int yb = Math.clamp(y0 + 1, 0, samplesDown - 1) * stride;
            for (int x = 0; x < width; x++) {
                int x2 = 2 * x + 1 - fx;
                int x0 = Math.floorDiv(x2, 2 * fx);
                int wx = x2 - x0 * 2 * fx;
                int xa = Math.clamp(x0, 0, samplesAcross - 1);
                int xb = Math.clamp(x0 + 1, 0, samplesAcross - 1);
                int top = (plane[ya + xa] & 0xFF) * (2 * fx - wx) + (plane[ya + xb] & 0xFF) * wx;
                int bottom = (plane[yb + xa] & 0xFF) * (2 * fx - wx) + (plane[yb + xb] & 0xFF) * wx;
                int total = 4 * fx * fy;
                out[y * width + x] = (byte) ((top * (2 * fy - wy) + bottom * wy + total / 2) / total);
            }
        }
        return out;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
