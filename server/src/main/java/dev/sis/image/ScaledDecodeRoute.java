package dev.sis.image;

/**
 * Under {@code --image-engine auto}, the variants of a progressive JPEG that the pure-Java
 * engine makes faster than libvips (issue 18). libjpeg decodes every scan of a progressive file
 * whatever the scale; sis's scaled decoder ({@link ShrinkOnLoad}) skips the AC scans a decode at
 * 1/8 never reads, which is most of the file. Measured on an 8 MP progressive photo
 * ({@code bench/ProgressiveRouteBench.java}, in docs/performance.md, "Shrink on load"): at 1/8 the
 * java engine takes 0.56× libvips' time; at 1/4 it takes 1.65× (the first AC scans are read
 * whole, and the resampler's remaining factor is Java's), at 1/2 1.9×, so only 1/8 goes.
 *
 * <p>Only what both engines make alike goes: JPEG or PNG out (libvips' WebP and AVIF encoders
 * are not sis's), three components (CMYK already goes to java, grey stays with libvips), no
 * {@code gravity=smart} (libvips' attention measure), and no ICC profile but sRGB's (the scaled
 * decoder steps aside for any other, and the usual pure-Java decode is the slowest path).
 */
final class ScaledDecodeRoute {
    /** The smallest DCT reduction at which the pure-Java engine is taken for a progressive JPEG. */
    static final int MIN_REDUCTION = 8;
    private static final int SOF_PROGRESSIVE_HUFFMAN = 0xC2;

    private ScaledDecodeRoute() {
    }

    /** Whether the pure-Java engine makes {@code plan}, whose source file starts with {@code head}. */
    static boolean takes(JavaPreparedVariant plan, byte[] head) {
        if (plan.sourceFormat() != ImageFormat.JPEG || plan.reduction() < MIN_REDUCTION) {
            return false;
        }
        ImageFormat out = plan.outputFormat();
        if ((out != ImageFormat.JPEG && out != ImageFormat.PNG) || plan.gravity().kind() == Gravity.Kind.SMART) {
            return false;
        }
        JpegHead jpeg = JpegHead.read(head);
        if (jpeg.frameMarker() != SOF_PROGRESSIVE_HUFFMAN || jpeg.components() != 3) {
            return false;
        }
        return jpeg.iccProfile() == null || SrgbProfile.matches(jpeg.iccProfile());
    }
}
