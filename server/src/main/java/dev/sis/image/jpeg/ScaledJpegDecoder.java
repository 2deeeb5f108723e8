package dev.sis.image.jpeg;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A JPEG decoder that shrinks while it decodes: each 8 × 8 block becomes 1 × 1, 2 × 2, 4 × 4 or
 * 8 × 8 pixels through a reduced inverse DCT ({@link ReducedIdct}), as libjpeg-turbo's and
 * libvips' shrink-on-load do, so a thumbnail of an 18 MP photo never costs 18 MP of IDCT, colour
 * conversion and resampling.
 *
 * <p>It handles what cameras and encoders write: baseline, extended and progressive Huffman
 * JPEG, 8-bit, grey or YCbCr with chroma subsampled 1, 2 or 4 times on each axis (4:4:4, 4:2:2,
 * 4:2:0, 4:4:0, 4:1:1…),
 * with restart intervals. Anything else — arithmetic coding, lossless, 12-bit, CMYK or Adobe RGB
 * transforms, a height given later by a DNL marker — is "not handled": {@link #open} returns
 * empty before any pixel work, and the caller decodes another way.
 *
 * <p>Bounded: the frame is refused over {@link ImageLimits#maxSourcePixels()} before anything is
 * allocated, scans past {@link ImageLimits#maxJpegScans()} are refused, a caller's checkpoint is
 * called every row of MCUs (the deadline), and every loop is bounded by the blocks of a scan.
 * Errors are {@link UnsupportedImageException} (corrupt or truncated data: a file that ends
 * inside a scan is refused rather than shown half grey) and {@link OverBudgetException}.
 * Not thread-safe; one instance decodes one file once.
 */
public final class ScaledJpegDecoder {
    private static final int SOF0 = 0xC0;
    private static final int SOF1 = 0xC1;
    private static final int SOF2 = 0xC2;
    private static final int DHT = 0xC4;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DQT = 0xDB;
    private static final int DRI = 0xDD;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;

    private final byte[] file;
    private final ImageLimits limits;
    private final int[][] quantisation = new int[4][];
    private final HuffmanTable[] dcTables = new HuffmanTable[4];
    private final HuffmanTable[] acTables = new HuffmanTable[4];
    private final TreeMap<Integer, byte[]> iccChunks = new TreeMap<>();
    private int restartInterval;
    private int adobeTransform = -1;
    private boolean progressive;
    private int width;
    private int height;
    private Component[] components;
    private int maxHorizontal;
    private int maxVertical;
    private int mcusAcross;
    private int mcusDown;
    /** Where the marker walk stopped in {@link #open}: the first SOS. */
    private int position;
    private boolean decoded;
    /** For a progressive frame, the AC scans that change pixels at the decode scale. */
    private ScanPlan plan;
    /** Only the frame header is wanted ({@link #workingBytes}): the walk stops there. */
    private boolean frameOnly;

    private ScaledJpegDecoder(byte[] file, ImageLimits limits) {
        this.file = file;
        this.limits = limits;
    }

    /**
     * Reads the markers up to the first scan.
     *
     * @return the decoder, or empty when the file is a kind of JPEG this decoder does not handle
     * @throws UnsupportedImageException when the file is not a JPEG or its header is broken
     * @throws OverBudgetException       when the frame has more pixels than {@code limits} allow
     */
    public static Optional<ScaledJpegDecoder> open(byte[] file, ImageLimits limits) {
        ScaledJpegDecoder decoder = new ScaledJpegDecoder(file, limits);
        return decoder.readHeader() ? Optional.of(decoder) : Optional.empty();
    }

    /**
     * The heap a decode at 1/{@code reduction} takes beyond the file itself, from the frame header
     * in {@code head} (an SOI, then segments up to and including the frame header: the file's
     * first bytes, or the SOI and the frame header alone, since nothing else is read): the
     * component planes, the output image and its colour planes, and for a progressive frame every
     * block's 64 coefficients (2 bytes each), which it holds until the last scan.
     *
     * @return the bytes, or -1 when {@code head} holds no frame header this decoder handles
     */
    public static long workingBytes(byte[] head, int reduction) {
        ScaledJpegDecoder decoder = new ScaledJpegDecoder(head, new ImageLimits(Long.MAX_VALUE, Long.MAX_VALUE, 65_535, 1, 0));
        decoder.frameOnly = true;
        try {
            if (!decoder.readHeader() || decoder.components == null) {
                return -1;
            }
        } catch (UnsupportedImageException | OverBudgetException e) {
            return -1;
        }
        int n = 8 / reduction;
        long outputPixels = (long) Component.ceilDiv(decoder.width * n, 8) * Component.ceilDiv(decoder.height * n, 8);
        long bytes = 4 * outputPixels + 3 * outputPixels;
        for (Component c : decoder.components) {
            int blockWidth = Math.min(8, n * decoder.maxHorizontal / c.horizontal);
            int blockHeight = Math.min(8, n * decoder.maxVertical / c.vertical);
            bytes += c.blocks() * (blockWidth * blockHeight + (decoder.progressive ? 128 : 0));
        }
        return bytes;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The embedded ICC profile (APP2 chunks joined in order), or null when there is none. */
    public byte[] iccProfile() {
        if (iccChunks.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        iccChunks.values().forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    /**
     * Decodes the image at 1/{@code reduction} of its size (rounded up), as
     * {@code TYPE_INT_RGB} (grey as equal R, G and B).
     *
     * @param reduction  1, 2, 4 or 8
     * @param checkpoint called every row of MCUs of every scan; what it throws stops the decode
     * @throws UnsupportedImageException when the data is corrupt or truncated
     * @throws OverBudgetException       when the file has more scans than the limit
     */
    public BufferedImage decode(int reduction, Runnable checkpoint) {
        if (reduction != 1 && reduction != 2 && reduction != 4 && reduction != 8) {
            throw new IllegalArgumentException("reduction must be 1, 2, 4 or 8: " + reduction);
        }
        if (decoded) {
            throw new IllegalStateException("a decoder decodes its file once");
        }
        decoded = true;
        int n = 8 / reduction;
        for (Component c : components) {
            c.scaleTo(n, maxHorizontal, maxVertical);
        }
        if (progressive) {
            plan = new ScanPlan(components, acScans());
            for (int i = 0; i < components.length; i++) {
                Component c = components[i];
                c.coefficientsPerBlock = plan.meets(i, 1, 63) ? 64 : 1;
                c.coefficients = new short[Math.toIntExact(c.blocks() * c.coefficientsPerBlock)];
            }
        }
        readScans(checkpoint);
        if (progressive) {
            for (Component c : components) {
                checkpoint.run();
                CoefficientsToPixels.transform(c);
            }
        }
        return ToRgb.image(components, n, maxHorizontal, maxVertical,
                Component.ceilDiv(width * n, 8), Component.ceilDiv(height * n, 8));
    }

    private boolean readHeader() {
        if (file.length < 4 || (file[0] & 0xFF) != 0xFF || (file[1] & 0xFF) != SOI) {
            throw new UnsupportedImageException("the file is not a JPEG");
        }
        position = 2;
        while (true) {
            int marker = nextMarker();
            if (marker == SOS) {
                if (components == null) {
                    throw new UnsupportedImageException("the JPEG has a scan before its frame header");
                }
                position -= 2; // the scans are read from this marker on, by decode
                return handled();
            }
            if (marker == EOI || marker < 0) {
                throw new UnsupportedImageException("the JPEG has no image data");
            }
            if (standalone(marker)) {
                continue;
            }
            int length = segmentLength();
            int payload = position + 2;
            switch (marker) {
                case SOF0, SOF1, SOF2 -> {
                    if (components != null) {
                        throw new UnsupportedImageException("the JPEG has two frame headers");
                    }
                    if (!frame(marker, payload, length - 2)) {
                        return false;
                    }
                    if (frameOnly) {
                        return true;
                    }
                }
                case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xCC, 0xDC -> {
                    return false; // lossless, hierarchical, arithmetic coding, DNL: another decoder's job
                }
                default -> tableOrMetadata(marker, payload, length - 2);
            }
            position += length;
        }
    }

    /** Whether the frame and what came before its first scan are within what this decoder does. */
    private boolean handled() {
        if (components.length == 3) {
            boolean rgbIds = components[0].id == 'R' && components[1].id == 'G' && components[2].id == 'B';
            if (adobeTransform == 0 || (adobeTransform < 0 && rgbIds)) {
                return false; // RGB stored as is: not YCbCr
            }
        }
        return adobeTransform <= 1;
    }

    private boolean frame(int marker, int at, int length) {
        progressive = marker == SOF2;
        if (length < 6) {
            throw new UnsupportedImageException("the JPEG frame header is truncated");
        }
        int precision = file[at] & 0xFF;
        height = u16(at + 1);
        width = u16(at + 3);
        int count = file[at + 5] & 0xFF;
        if (precision != 8 || height == 0 || (count != 1 && count != 3)) {
            return false;
        }
        if (width == 0) {
            throw new UnsupportedImageException("the JPEG header declares no pixels");
        }
        if ((long) width * height > limits.maxSourcePixels()) {
            throw new OverBudgetException("the image has " + (long) width * height
                    + " pixels, over this server's limit of " + limits.maxSourcePixels());
        }
        if (length < 6 + 3 * count) {
            throw new UnsupportedImageException("the JPEG frame header is truncated");
        }
        int[][] specs = new int[count][];
        for (int i = 0; i < count; i++) {
            int p = at + 6 + 3 * i;
            int h = (file[p + 1] & 0xFF) >> 4;
            int v = file[p + 1] & 15;
            int table = file[p + 2] & 0xFF;
            if (h < 1 || h > 4 || v < 1 || v > 4 || table > 3) {
                throw new UnsupportedImageException("the JPEG frame header is broken");
            }
            // One component is never interleaved: its sampling factors do not matter.
            specs[i] = count == 1 ? new int[] {file[p] & 0xFF, 1, 1, table} : new int[] {file[p] & 0xFF, h, v, table};
            maxHorizontal = Math.max(maxHorizontal, specs[i][1]);
            maxVertical = Math.max(maxVertical, specs[i][2]);
        }
        for (int[] spec : specs) {
            if (!powerOfTwoRatio(maxHorizontal, spec[1]) || !powerOfTwoRatio(maxVertical, spec[2])) {
                return false; // a ratio of 3 or 3:2: rare, left to libjpeg (the reduced IDCTs are 1, 2, 4, 8 wide)
            }
        }
        mcusAcross = Component.ceilDiv(width, 8 * maxHorizontal);
        mcusDown = Component.ceilDiv(height, 8 * maxVertical);
        components = new Component[count];
        for (int i = 0; i < count; i++) {
            components[i] = new Component(specs[i][0], specs[i][1], specs[i][2], specs[i][3], width, height,
                    maxHorizontal, maxVertical, mcusAcross, mcusDown);
        }
        return true;
    }

    /** Whether {@code max} is {@code factor} times 1, 2 or 4. */
    private static boolean powerOfTwoRatio(int max, int factor) {
        return max % factor == 0 && Integer.bitCount(max / factor) == 1;
    }

    /** DQT, DHT, DRI, the APP segments this decoder reads (ICC, Adobe); anything else is skipped. */
    private void tableOrMetadata(int marker, int at, int length) {
        switch (marker) {
            case DQT -> quantisationTables(at, at + length);
            case DHT -> huffmanTables(at, at + length);
            case DRI -> restartInterval = length >= 2 ? u16(at) : 0;
            case APP2 -> {
                byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
                if (length > tag.length + 2 && Arrays.equals(file, at, at + tag.length, tag, 0, tag.length)) {
                    iccChunks.put(file[at + tag.length] & 0xFF,
                            Arrays.copyOfRange(file, at + tag.length + 2, at + length));
                }
            }
            case APP14 -> {
                byte[] tag = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
                if (length >= 12 && Arrays.equals(file, at, at + tag.length, tag, 0, tag.length)) {
                    adobeTransform = file[at + 11] & 0xFF;
                }
            }
            default -> {
                // COM, other APPn, and markers of no consequence here
            }
        }
    }

    private void quantisationTables(int at, int end) {
        while (at < end) {
            int precision = (file[at] & 0xFF) >> 4;
            int id = file[at] & 15;
            int size = precision == 0 ? 64 : 128;
            if (id > 3 || precision > 1 || at + 1 + size > end) {
                throw new UnsupportedImageException("the JPEG has a broken quantisation table");
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                table[ScanDecoder.ZIGZAG[k]] = precision == 0 ? file[at + 1 + k] & 0xFF : u16(at + 1 + 2 * k);
            }
            quantisation[id] = table;
            at += 1 + size;
        }
    }

    private void huffmanTables(int at, int end) {
        while (at < end) {
            int kind = (file[at] & 0xFF) >> 4;
            int id = file[at] & 15;
            if (kind > 1 || id > 3 || at + 17 > end) {
                throw new UnsupportedImageException("the JPEG has a broken Huffman table");
            }
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = file[at + 1 + i] & 0xFF;
                total += counts[i];
            }
            if (total > 256 || at + 17 + total > end) {
                throw new UnsupportedImageException("the JPEG has a broken Huffman table");
            }
            HuffmanTable table = new HuffmanTable(counts, Arrays.copyOfRange(file, at + 17, at + 17 + total));
            if (kind == 0) {
                dcTables[id] = table;
            } else {
                acTables[id] = table.withFastAc();
            }
            at += 17 + total;
        }
    }

    /** The marker walk from the first scan to EOI (or the end of the file, after a complete scan). */
    private void readScans(Runnable checkpoint) {
        int scans = 0;
        while (true) {
            int marker = nextMarker();
            if (marker == EOI || marker < 0) {
                if (scans == 0) {
                    throw new UnsupportedImageException("the JPEG has no image data");
                }
                return;
            }
            if (standalone(marker)) {
                continue;
            }
            int length = segmentLength();
            int payload = position + 2;
            switch (marker) {
                case SOS -> {
                    if (++scans > limits.maxJpegScans()) {
                        throw new OverBudgetException("the JPEG has more than " + limits.maxJpegScans()
                                + " scans (progressive passes), this server's limit");
                    }
                    position = scan(payload, length - 2, checkpoint);
                    continue;
                }
                case SOF0, SOF1, SOF2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw new UnsupportedImageException("the JPEG has two frame headers");
                default -> tableOrMetadata(marker, payload, length - 2);
            }
            position += length;
        }
    }

    /**
     * Every AC scan's component (index in the frame) and band, from a walk over the markers after
     * {@link #position} that skips the entropy-coded data; at most one more than the scan limit
     * (the decode refuses the file there). Broken headers are left for the decode to refuse.
     */
    private int[][] acScans() {
        java.util.List<int[]> scans = new java.util.ArrayList<>();
        int at = position;
        int seen = 0;
        while (at + 3 < file.length && seen <= limits.maxJpegScans()) {
            if ((file[at] & 0xFF) != 0xFF || (file[at + 1] & 0xFF) == 0 || (file[at + 1] & 0xFF) == 0xFF) {
                at++;
                continue;
            }
            int marker = file[at + 1] & 0xFF;
            if (marker == EOI) {
                break;
            }
            if (standalone(marker)) {
                at += 2;
                continue;
            }
            int length = u16(at + 2);
            int header = at + 4;
            if (marker == SOS && length >= 6 && header + length - 2 <= file.length) {
                seen++;
                int count = file[header] & 0xFF;
                int band = header + 1 + 2 * count;
                if (count == 1 && band + 1 < file.length && (file[band] & 0xFF) > 0) {
                    int index = componentIndex(file[header + 1] & 0xFF);
                    if (index >= 0) {
                        scans.add(new int[] {index, file[band] & 0xFF, Math.min(63, file[band + 1] & 0xFF)});
                    }
                }
                at = entropyEnd(at + 2 + length);
                continue;
            }
            at += 2 + Math.max(length, 2);
        }
        return scans.toArray(new int[0][]);
    }

    /** Where the entropy-coded data starting at {@code at} ends: its first marker other than RSTn. */
    private int entropyEnd(int at) {
        while (at + 1 < file.length) {
            if (file[at] == (byte) 0xFF) {
                int next = file[at + 1] & 0xFF;
                if (next != 0 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return at;
                }
                at += next == 0xFF ? 1 : 2;
            } else {
                at++;
            }
        }
        return file.length;
    }

    private int componentIndex(int id) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].id == id) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes one scan whose header is at {@code at}; returns where its entropy-coded data ends. */
    private int scan(int at, int length, Runnable checkpoint) {
        int count = length >= 1 ? file[at] & 0xFF : 0;
        if (count < 1 || count > components.length || length < 4 + 2 * count) {
            throw new UnsupportedImageException("the JPEG scan header is broken");
        }
        Component[] members = new Component[count];
        HuffmanTable[] dc = new HuffmanTable[count];
        HuffmanTable[] ac = new HuffmanTable[count];
        for (int i = 0; i < count; i++) {
            int id = file[at + 1 + 2 * i] & 0xFF;
            int tables = file[at + 2 + 2 * i] & 0xFF;
            members[i] = component(id);
            dc[i] = dcTables[(tables >> 4) & 3];
            ac[i] = acTables[tables & 3];
            if (members[i].quantisation == null) {
                int[] q = quantisation[members[i].quantTable];
                if (q == null) {
                    throw new UnsupportedImageException("the JPEG uses a quantisation table it never defined");
                }
                members[i].quantisation = q.clone();
            } else if (!progressive) {
                members[i].quantisation = quantisation[members[i].quantTable].clone();
            }
        }
        int p = at + 1 + 2 * count;
        int start = file[p] & 0xFF;
        int end = file[p + 1] & 0xFF;
        int high = (file[p + 2] & 0xFF) >> 4;
        int low = file[p + 2] & 15;
        if (progressive && (end > 63 || start > end || (start == 0) != (end == 0)
                || (start > 0 && count != 1) || high > 13 || low > 13)) {
            throw new UnsupportedImageException("the JPEG progressive scan header is broken");
        }
        if (progressive && start > 0 && !plan.meets(componentIndex(members[0].id), start, end)) {
            return entropyEnd(at + length); // a band no pixel at this scale reads
        }
        BitReader in = new BitReader(file, at + length, file.length);
        new ScanDecoder(members, dc, ac, progressive, start, end, high, low, in)
                .decode(mcusAcross, mcusDown, restartInterval, checkpoint);
        if (in.ranPastTheEnd()) {
            throw new UnsupportedImageException("the JPEG is truncated: its data ends inside a scan");
        }
        return in.position();
    }

    private Component component(int id) {
        for (Component c : components) {
            if (c.id == id) {
                return c;
            }
        }
        throw new UnsupportedImageException("the JPEG scan names a component the frame does not have");
    }

    /** Markers without a segment: a stray restart marker, TEM, a second SOI. */
    private static boolean standalone(int marker) {
        return (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == SOI;
    }

    /**
     * Moves past the next marker (skipping anything that is not one, as decoders do) and returns
     * its code, or -1 at the end of the file.
     */
    private int nextMarker() {
        while (position + 1 < file.length) {
            if ((file[position] & 0xFF) == 0xFF) {
                int code = file[position + 1] & 0xFF;
                if (code != 0 && code != 0xFF) {
                    position += 2;
                    return code;
                }
            }
            position++;
        }
        position = file.length;
        return -1;
    }

    /** The length of the segment at {@link #position} (its two length bytes included), checked. */
    private int segmentLength() {
        if (position + 2 > file.length) {
            throw new UnsupportedImageException("the JPEG is truncated in its markers");
        }
        int length = u16(position);
        if (length < 2 || position + length > file.length) {
            throw new UnsupportedImageException("the JPEG is truncated or has a broken segment length");
        }
        return length;
    }

    private int u16(int at) {
        return (file[at] & 0xFF) << 8 | file[at + 1] & 0xFF;
    }
}
