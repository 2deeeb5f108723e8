package dev.sis.image.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The one-lookup AC entries ({@link HuffmanTable#withFastAc}) say what the symbol decode and the
 * value read after it say: for every 16-bit pattern, the same zero run, the same signed value,
 * and the reader left at the same bit.
 */
class HuffmanTableTest {
    /**
     * Codes of lengths 2 to 12 (00, 01, 100, 1010, 1011, 11000…), a prefix code with room to
     * spare; runs 0 to 4, sizes 1 to 10, EOB (0x00) and ZRL (0xF0) among the symbols.
     */
    private static final int[] COUNTS = {0, 2, 1, 2, 3, 3, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0};
    private static final int[] SYMBOLS = {
        0x01, 0x00, 0x02, 0x11, 0x03, 0x21, 0x04, 0x12, 0x31, 0x05, 0xF0, 0x13, 0x06, 0x22,
        0x07, 0x41, 0x08, 0x09, 0x0A,
    };

    @Test
    void fastEntriesAgreeWithTheSymbolDecodeAndItsValueBits() {
        HuffmanTable table = new HuffmanTable(COUNTS, symbols()).withFastAc();
        int fastEntries = 0;
        for (int pattern = 0; pattern < 1 << 16; pattern++) {
            // two bytes of pattern, then a marker byte pattern (0x5A) to check where each reader stops
            byte[] data = {(byte) (pattern >> 8), (byte) pattern, 0x5A, 0x5A, 0x5A};
            if (data[0] == (byte) 0xFF || data[1] == (byte) 0xFF) {
                continue; // an FF would be a marker or need stuffing: not entropy-coded data as written
            }
            BitReader fast = new BitReader(data, 0, data.length);
            int entry = table.fastAc(fast.peek(16));
            if (entry == 0) {
                continue;
            }
            fastEntries++;
            fast.skip(entry & 0xFF);

            BitReader slow = new BitReader(data, 0, data.length);
            int rs = table.decode(slow);
            int value = slow.signed(rs & 15);

            assertThat(value).as("value of %s", Integer.toBinaryString(pattern)).isEqualTo(entry >> 16);
            assertThat(rs >>> 4).as("run of %s", Integer.toBinaryString(pattern)).isEqualTo((entry >>> 8) & 15);
            assertThat(fast.bits(16)).as("the bits after %s", Integer.toBinaryString(pattern)).isEqualTo(slow.bits(16));
        }
        assertThat(fastEntries).isGreaterThan(1 << 15);
    }

    @Test
    void endOfBlockAndSixteenZerosHaveFastEntriesOfValueZero() {
        HuffmanTable table = new HuffmanTable(COUNTS, symbols()).withFastAc();

        // 01: EOB (0x00), 2 bits; 111000: ZRL (0xF0), run 15, 6 bits
        assertThat(table.fastAc(0b01 << 14)).isEqualTo(2);
        assertThat(table.fastAc(0b111000 << 10)).isEqualTo(15 << 8 | 6);
    }

    @Test
    void aShortCodeAndItsValueBitsAreOneEntryALongerPairNone() {
        HuffmanTable table = new HuffmanTable(COUNTS, symbols()).withFastAc();

        // 1110101011: the 11-bit code's first 10 bits; 110111: 0x05, whose 6 bits and 5 value bits do not fit in 10
        assertThat(table.fastAc(0b1110101011 << 6)).isZero();
        assertThat(table.fastAc(0b110111 << 10)).isZero();
        // 00 then value bit 1: the first code, 0x01 (run 0, size 1), value +1, 3 bits
        assertThat(table.fastAc(0b001 << 13)).isEqualTo(1 << 16 | 3);
        // 00 then value bit 0: value -1
        assertThat(table.fastAc(0b000 << 13) >> 16).isEqualTo(-1);
    }

    private static byte[] symbols() {
        byte[] symbols = new byte[SYMBOLS.length];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = (byte) SYMBOLS[i];
        }
        return symbols;
    }
}
