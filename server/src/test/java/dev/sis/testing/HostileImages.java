package dev.sis.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Files made to cost a decoder far more than their size, written byte by byte: a progressive
 * JPEG with thousands of scans (each one walks every block of the image) and a PNG with many
 * compressed text chunks (each one inflates to megabytes before a pixel is read).
 *
 * <p>{@link #main} writes the attack files of issue 14 into a folder, for {@code bench/hostile-decodes.sh}.
 */
public final class HostileImages {
    private HostileImages() {
    }

    /**
     * A grey progressive JPEG of {@code width × height} whose DC scan is followed by {@code scans}
     * AC scans, each a handful of bytes that skip every block (end-of-band runs of 32,767 blocks):
     * a decoder walks all the image's blocks once per scan. The pixels are flat grey (128).
     */
    public static byte[] progressiveJpegScanBomb(int width, int height, int scans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        byte[] quantisation = new byte[65];
        Arrays.fill(quantisation, 1, 65, (byte) 1);
        segment(out, 0xDB, quantisation);
        segment(out, 0xC2, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width,
                1, 1, 0x11, 0});
        // DC table 0: one code, "0", for difference category 0. AC table 0: "0" for EOB14 (a run
        // of 2^14 + 14 extra bits of blocks), "10" for EOB0 (never used; a single code of length 1
        // would be all ones, which JPEG forbids).
        segment(out, 0xC4, concat(new byte[] {0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[] {0}));
        segment(out, 0xC4, concat(new byte[] {0x10, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                new byte[] {(byte) 0xE0, 0x00}));
        long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8);
        segment(out, 0xDA, new byte[] {1, 1, 0x00, 0, 0, 0x00});
        out.writeBytes(new byte[(int) ((blocks + 7) / 8)]); // one 0 bit a block: DC difference 0
        byte[] skipAll = endOfBandRuns(blocks);
        for (int i = 0; i < scans; i++) {
            segment(out, 0xDA, new byte[] {1, 1, 0x00, 1, 63, 0x00});
            out.writeBytes(skipAll);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    /** Entropy-coded data of EOB14 symbols ("0" + 14 one bits: 32,767 blocks each) covering {@code blocks}. */
    private static byte[] endOfBandRuns(long blocks) {
        BitWriter bits = new BitWriter();
        for (long covered = 0; covered < blocks; covered += 32_767) {
            bits.write(0, 1);
            bits.write(0x3FFF, 14);
        }
        return bits.finish();
    }

    /**
     * A small valid PNG ({@code TestImages.png(64, 48)}) with {@code chunks} zTXt chunks before its
     * pixels, each inflating to {@code inflatedBytes} of text.
     */
    public static byte[] pngWithTextChunks(int chunks, int inflatedBytes) {
        byte[] text = new byte[inflatedBytes];
        Arrays.fill(text, (byte) ' ');
        byte[] chunk = ImageFiles.chunk("zTXt", concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1),
                ImageFiles.deflate(text)));
        byte[] png = TestImages.png(64, 48);
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        for (int i = 0; i < chunks; i++) {
            out.writeBytes(chunk);
        }
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) marker)
                .putShort((short) (payload.length + 2)).put(payload).array());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ImageFiles.concat(a, b);
    }

    /** Bits written most significant first, with JPEG's byte stuffing (a 0 after each 0xFF) and 1-bit padding. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                current = (current << 1) | ((value >> i) & 1);
                if (++used == 8) {
                    flush();
                }
            }
        }

        private void flush() {
            out.write(current);
            if (current == 0xFF) {
                out.write(0);
            }
            current = 0;
            used = 0;
        }

        byte[] finish() {
            while (used != 0) {
                write(1, 1);
            }
            return out.toByteArray();
        }
    }

    /** A PNG of random pixels: it does not compress, so it is as large as its pixels (3 bytes each). */
    public static byte[] noisePng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        new Random(14).nextBytes(pixels);
        return TestImages.encode(image, "png");
    }

    /**
     * Writes issue 14's attack files into {@code args[0]}: {@code scan-bomb.jpg} (7000 × 7000,
     * 20,000 scans), {@code ztxt-bomb.png} (200 zTXt chunks of 8 MB inflated),
     * {@code animation.gif} (1,000 frames on a 300 × 300 canvas), {@code photo.jpg} (800 × 600)
     * and {@code noise.png} (3000 × 3000 random pixels, 27 MB).
     */
    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        Files.write(folder.resolve("scan-bomb.jpg"), progressiveJpegScanBomb(7000, 7000, 20_000));
        Files.write(folder.resolve("ztxt-bomb.png"), pngWithTextChunks(200, 7_900_000));
        Files.write(folder.resolve("animation.gif"), ImageFiles.gifWithFrames(300, 300, 1000));
        Files.write(folder.resolve("photo.jpg"), TestImages.jpeg(800, 600));
        Files.write(folder.resolve("noise.png"), noisePng(3000, 3000));
    }
}
