package dev.sis.image.jpeg;

import dev.sis.errors.UnsupportedImageException;

/**
 * Decodes one scan's entropy-coded data (JPEG annex F for sequential, G for progressive Huffman
 * coding): every block of the scan's components in MCU order, with restart intervals. A
 * sequential scan turns each block into pixels at once (its component's {@link ReducedIdct}); a progressive one
 * adds its bits to the stored coefficients. Work is bounded by the scan's block count: no loop
 * waits on the data, which is read as zero bits once it ends.
 */
final class ScanDecoder {
    /** ZIGZAG[k] is the natural (row-major) index of the k-th coefficient in zigzag order. */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
        20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58,
        59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    private final Component[] components;
    private final HuffmanTable[] dcTables;
    private final HuffmanTable[] acTables;
    private final boolean progressive;
    private final int start;
    private final int end;
    private final int high;
    private final int low;
    private final BitReader in;
    private final int[] block = new int[64];
    private int endOfBandRun;
    /**
     * Sequential scans only, per component of the scan: its quantisation table in zigzag order,
     * 0 where the component's {@link ReducedIdct} never reads the coefficient (so a value stored
     * there is 0, where nothing reads it), and the natural indices it does read.
     */
    private int[][] zigzagQuantisation;
    private int[][] readIndices;
    /** The zigzag index of the last coefficient each component's IDCT reads. */
    private int[] lastRead;

    ScanDecoder(Component[] components, HuffmanTable[] dcTables, HuffmanTable[] acTables, boolean progressive,
                int start, int end, int high, int low, BitReader in) {
        this.components = components;
        this.dcTables = dcTables;
        this.acTables = acTables;
        this.progressive = progressive;
        this.start = start;
        this.end = end;
        this.high = high;
        this.low = low;
        this.in = in;
    }

    /**
     * Decodes every MCU of the scan, calling {@code checkpoint} once a row of MCUs (it throws to
     * stop the decode: the deadline).
     */
    void decode(int mcusAcross, int mcusDown, int restartInterval, Runnable checkpoint) {
        for (Component c : components) {
            c.dcPredictor = 0;
        }
        if (!progressive) {
            prepareSequential();
        }
        int mcus = 0;
        if (components.length == 1) {
            // A scan of one component is not interleaved: its MCU is one block, of those that hold data.
            Component c = components[0];
            for (int by = 0; by < c.dataBlocksDown; by++) {
                checkpoint.run();
                for (int bx = 0; bx < c.dataBlocksAcross; bx++) {
                    restartIfDue(mcus++, restartInterval);
                    block(0, bx, by);
                }
            }
            return;
        }
        for (int my = 0; my < mcusDown; my++) {
            checkpoint.run();
            for (int mx = 0; mx < mcusAcross; mx++) {
                restartIfDue(mcus++, restartInterval);
                for (int i = 0; i < components.length; i++) {
                    Component c = components[i];
                    for (int v = 0; v < c.vertical; v++) {
                        for (int h = 0; h < c.horizontal; h++) {
                            block(i, mx * c.horizontal + h, my * c.vertical + v);
                        }
                    }
                }
            }
        }
    }

    /** Checks a sequential scan's tables once, and works out which coefficients each component's IDCT reads. */
    private void prepareSequential() {
        zigzagQuantisation = new int[components.length][];
        readIndices = new int[components.length][];
        lastRead = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            Component c = components[i];
            table(dcTables, i, "DC");
            table(acTables, i, "AC");
            int[] zigzag = new int[64];
            int[] read = new int[c.blockWidth * c.blockHeight];
            int n = 0;
            for (int k = 0; k < 64; k++) {
                int z = ZIGZAG[k];
                if (z % 8 < c.blockWidth && z / 8 < c.blockHeight) {
                    zigzag[k] = c.quantisation[z];
                    read[n++] = z;
                    lastRead[i] = k;
                }
            }
            zigzagQuantisation[i] = zigzag;
            readIndices[i] = read;
        }
    }

    private void restartIfDue(int mcusDone, int restartInterval) {
        if (restartInterval > 0 && mcusDone > 0 && mcusDone % restartInterval == 0) {
            in.restart();
            for (Component c : components) {
                c.dcPredictor = 0;
            }
            endOfBandRun = 0;
        }
    }

    private void block(int i, int bx, int by) {
        Component c = components[i];
        int index = by * c.blocksAcross + bx;
        if (!progressive) {
            sequential(c, dcTables[i], acTables[i], zigzagQuantisation[i], readIndices[i], lastRead[i]);
            c.idct.transform(block, c.plane, by * c.blockHeight * c.planeStride + bx * c.blockWidth, c.planeStride);
            return;
        }
        int base = index * c.coefficientsPerBlock;
        if (start == 0) {
            if (high == 0) {
                dcFirst(c, i, base);
            } else if (in.bit() != 0) {
                c.coefficients[base] |= (short) (1 << low);
            }
        } else if (high == 0) {
            acFirst(c, base);
        } else {
            acRefine(c.coefficients, base);
        }
    }

    private static HuffmanTable table(HuffmanTable[] tables, int c, String kind) {
        HuffmanTable table = tables[c];
        if (table == null) {
            throw new UnsupportedImageException("the JPEG scan uses a " + kind + " Huffman table it never defined");
        }
        return table;
    }

    /**
     * A whole block of a sequential scan, dequantised, into {@link #block}: only the coefficients
     * the IDCT reads are cleared and stored (at 1/4 scale, 4 of 64 for luma). Past the last of
     * them the rest of the block is only walked to its end, since the bits must be.
     */
    private void sequential(Component c, HuffmanTable dc, HuffmanTable ac, int[] zigzagQuantisation, int[] readIndices,
                            int lastRead) {
        int[] block = this.block;
        for (int z : readIndices) {
            block[z] = 0;
        }
        c.dcPredictor += in.signed(category(dc.decode(in)));
        block[0] = c.dcPredictor * zigzagQuantisation[0];
        int k = 1;
        while (k <= lastRead) {
            int code = nextAc(ac);
            k = nextIndex(k, code);
            if (k < 0) {
                return;
            }
            if (code >> 16 != 0) {
                block[ZIGZAG[k - 1]] = (code >> 16) * zigzagQuantisation[k - 1];
            }
        }
        while (k >= 0 && k < 64) {
            k = nextIndex(k, nextAc(ac)); // the rest of the block, walked and dropped
        }
    }

    /**
     * The zigzag index after an AC {@code code} read at {@code k}: past its coefficient, or past
     * sixteen zeros; -1 at the end of the block.
     *
     * @throws UnsupportedImageException when the run goes past the block's last coefficient
     */
    private static int nextIndex(int k, int code) {
        int run = (code >>> 8) & 15;
        if (code >> 16 == 0) {
            return run == 15 ? k + 16 : -1;
        }
        if (k + run > 63) {
            throw corrupt();
        }
        return k + run + 1;
    }

    /**
     * The next AC code and its value bits, as {@code value << 16 | run << 8}: value 0 is the end
     * of the block, or sixteen zeros when the run is 15. Short pairs take one table lookup.
     */
    private int nextAc(HuffmanTable ac) {
        int fast = ac.fastAc(in.peek(16));
        if (fast != 0) {
            in.skip(fast & 0xFF);
            return fast & ~0xFF;
        }
        int rs = ac.decode(in);
        return in.signed(rs & 15) << 16 | (rs & 0xF0) << 4;
    }

    private void dcFirst(Component c, int i, int base) {
        HuffmanTable dc = table(dcTables, i, "DC");
        c.dcPredictor += in.signed(category(dc.decode(in)));
        c.coefficients[base] = (short) (c.dcPredictor << low);
    }

    private void acFirst(Component c, int base) {
        if (endOfBandRun > 0) {
            endOfBandRun--;
            return;
        }
        HuffmanTable ac = table(acTables, 0, "AC");
        short[] coefficients = c.coefficients;
        for (int k = start; k <= end; ) {
            int rs = ac.decode(in);
            int run = rs >>> 4;
            int size = rs & 15;
            if (size == 0) {
                if (run < 15) {
                    endOfBandRun = (1 << run) - 1 + in.bits(run);
                    return;
                }
                k += 16;
                continue;
            }
            k += run;
            if (k > end) {
                throw corrupt();
            }
            coefficients[base + ZIGZAG[k++]] = (short) (in.signed(size) * (1 << low));
        }
    }

    /** A successive-approximation pass over a band's AC coefficients (G.1.2.3). */
    private void acRefine(short[] coefficients, int base) {
        HuffmanTable ac = table(acTables, 0, "AC");
        int plus = 1 << low;
        int minus = -1 << low;
        int k = start;
        if (endOfBandRun == 0) {
            for (; k <= end; k++) {
                int rs = ac.decode(in);
                int run = rs >>> 4;
                int size = rs & 15;
                int value = 0;
                if (size != 0) {
                    if (size != 1) {
                        throw corrupt();
                    }
                    value = in.bit() != 0 ? plus : minus;
                } else if (run != 15) {
                    endOfBandRun = (1 << run) + in.bits(run);
                    break;
                }
                // Skip `run` zero coefficients, refining the non-zero ones on the way.
                while (k <= end) {
                    int at = base + ZIGZAG[k];
                    if (coefficients[at] != 0) {
                        refine(coefficients, at, plus, minus);
                    } else if (--run < 0) {
                        break;
                    }
                    k++;
                }
                if (value != 0) {
                    if (k > end) {
                        throw corrupt();
                    }
                    coefficients[base + ZIGZAG[k]] = (short) value;
                }
            }
        }
        if (endOfBandRun > 0) {
            for (; k <= end; k++) {
                int at = base + ZIGZAG[k];
                if (coefficients[at] != 0) {
                    refine(coefficients, at, plus, minus);
                }
            }
            endOfBandRun--;
        }
    }

    private void refine(short[] coefficients, int at, int plus, int minus) {
        if (in.bit() != 0 && (coefficients[at] & plus) == 0) {
            coefficients[at] += (short) (coefficients[at] >= 0 ? plus : minus);
        }
    }

    /** A DC difference's size category: 0..11 for 8-bit samples (16 is the most the bits can say). */
    private static int category(int symbol) {
        if (symbol > 16) {
            throw corrupt();
        }
        return symbol;
    }

    static UnsupportedImageException corrupt() {
        return new UnsupportedImageException("the JPEG data is corrupt (a coefficient outside its block)");
    }
}
