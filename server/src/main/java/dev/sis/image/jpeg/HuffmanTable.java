package dev.sis.image.jpeg;

import dev.sis.errors.UnsupportedImageException;

/**
 * One Huffman table of a DHT segment, built for decoding: codes of up to {@value #FAST_BITS}
 * bits are looked up in one step, longer ones by the canonical-code limits of JPEG's annex C.
 * A table that cannot be a prefix code (more codes of a length than there is room for) is
 * refused when it is built, so decoding never indexes past its symbols.
 *
 * <p>For an AC table, {@link #fastAc} goes one step further (as stb_image's and libjpeg-turbo's
 * decoders do): when a short code and the value bits that follow it both fit in the
 * {@value #FAST_BITS} bits looked at, one lookup gives the zero run, the coefficient's signed
 * value and how many bits to drop. A q98 photo's blocks are mostly such pairs, so most
 * coefficients cost one table read instead of a symbol decode and a second bit read; a short
 * end-of-block or sixteen-zeros code is there too (value 0), so a block's end needs no second lookup.
 */
final class HuffmanTable {
    /** 10, not libjpeg's 8: high-quality files have long codes and large values, and 4 KB still sits in L1. */
    static final int FAST_BITS = 10;

    /** (code length << 8) | symbol for each {@value #FAST_BITS}-bit prefix, or 0 when the code is longer. */
    private final int[] fast = new int[1 << FAST_BITS];
    /** Largest code of each length (1..16), or -1 when there is none. */
    private final int[] maxCode = new int[18];
    /** Index in {@link #symbols} of the first code of each length, minus that code. */
    private final int[] offset = new int[17];
    private final byte[] symbols;
    /**
     * For each {@value #FAST_BITS}-bit prefix that holds an AC code and all its value bits:
     * {@code value << 16 | run << 8 | bits used}, value 0 for a symbol of size 0 (end of block or
     * of band, sixteen zeros); else 0 (the bit count of an entry is never 0). Filled by {@link #withFastAc}.
     */
    private int[] fastAc;

    HuffmanTable(int[] counts, byte[] symbols) {
        this.symbols = symbols;
        int code = 0;
        int index = 0;
        for (int length = 1; length <= 16; length++) {
            offset[length] = index - code;
            code += counts[length - 1];
            index += counts[length - 1];
            if (code > (1 << length)) {
                throw new UnsupportedImageException("the JPEG has an invalid Huffman table");
            }
            maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE; // a sentinel: the slow path ends there
        for (int length = 1; length <= FAST_BITS; length++) {
            for (int c = maxCode[length] - countOf(counts, length) + 1; c <= maxCode[length] && maxCode[length] >= 0; c++) {
                int symbol = symbols[offset[length] + c] & 0xFF;
                int shift = FAST_BITS - length;
                for (int fill = 0; fill < (1 << shift); fill++) {
                    fast[(c << shift) | fill] = length << 8 | symbol;
                }
            }
        }
    }

    /** Builds {@link #fastAc}, for a table of AC symbols (run << 4 | size); returns this table. */
    HuffmanTable withFastAc() {
        int[] table = new int[1 << FAST_BITS];
        for (int prefix = 0; prefix < table.length; prefix++) {
            int entry = fast[prefix];
            int length = entry >>> 8;
            int size = entry & 15;
            if (entry == 0 || length + size > FAST_BITS) {
                continue;
            }
            int raw = (prefix >>> (FAST_BITS - length - size)) & ((1 << size) - 1);
            int value = size == 0 ? 0 : raw < (1 << (size - 1)) ? raw - (1 << size) + 1 : raw; // EXTEND, annex F
            table[prefix] = value << 16 | (entry & 0xF0) << 4 | (length + size);
        }
        fastAc = table;
        return this;
    }

    /** The {@link #fastAc} entry for the next bits of {@code peek16} (the next 16 bits), or 0. */
    int fastAc(int peek16) {
        return fastAc[peek16 >>> (16 - FAST_BITS)];
    }

    private static int countOf(int[] counts, int length) {
        return counts[length - 1];
    }

    /**
     * Decodes one symbol.
     *
     * @throws UnsupportedImageException when the bits are no code of this table
     */
    int decode(BitReader in) {
        int peek = in.peek(16);
        int entry = fast[peek >>> (16 - FAST_BITS)];
        if (entry != 0) {
            in.skip(entry >>> 8);
            return entry & 0xFF;
        }
        for (int length = FAST_BITS + 1; length <= 16; length++) {
            int code = peek >>> (16 - length);
            if (code <= maxCode[length]) {
                in.skip(length);
                return symbols[offset[length] + code] & 0xFF;
            }
        }
        throw new UnsupportedImageException("the JPEG data is corrupt (no Huffman code matches)");
    }
}
