package dev.sis.image.jpeg;

/**
 * Reads the entropy-coded bits of a scan: byte-stuffed {@code FF 00} pairs are read as
 * {@code FF}, and the reader stops at the next marker. Past a marker or the end of the file it
 * hands out zero bits, as libjpeg does, and remembers it: zero bits past a marker are allowed (a
 * corrupt segment shows grey, as in libjpeg), past the end of the file the file is truncated and
 * the caller refuses it ({@link #ranPastTheEnd()}).
 */
final class BitReader {
    private final byte[] data;
    private final int end;
    private int position;
    /** Buffered bits, right-aligned: the next bit is bit {@code count - 1}. */
    private long bits;
    private int count;
    /** How many of the buffered bits (the lowest) were made up, not read. */
    private int madeUp;
    private boolean atMarker;
    private boolean pastEnd;

    BitReader(byte[] data, int position, int end) {
        this.data = data;
        this.position = position;
        this.end = end;
    }

    /** Where the next marker (or unread byte) is: where the marker walk goes on after the scan. */
    int position() {
        return position;
    }

    /** Whether bits that were not in the file have been used because the file ended. */
    boolean ranPastTheEnd() {
        return pastEnd && count < madeUp;
    }

    private void fill() {
        while (count <= 56) {
            int b;
            if (atMarker || position >= end) {
                pastEnd |= position >= end && !atMarker;
                b = 0;
                madeUp += 8;
            } else {
                b = data[position] & 0xFF;
                if (b == 0xFF) {
                    int next = position + 1 < end ? data[position + 1] & 0xFF : -1;
                    if (next == 0) {
                        position += 2;
                    } else if (next == -1) {
                        position = end;
                        continue;
                    } else {
                        atMarker = true;
                        continue;
                    }
                } else {
                    position++;
                }
            }
            bits = bits << 8 | b;
            count += 8;
        }
    }

    /** The next {@code n} (1..16) bits, not consumed. */
    int peek(int n) {
        if (count < n) {
            fill();
        }
        return (int) (bits >>> (count - n)) & ((1 << n) - 1);
    }

    void skip(int n) {
        count -= n;
    }

    /** The next {@code n} (0..16) bits as an unsigned number. */
    int bits(int n) {
        if (n == 0) {
            return 0;
        }
        int value = peek(n);
        count -= n;
        return value;
    }

    int bit() {
        return bits(1);
    }

    /** The next {@code size} bits as a signed coefficient (JPEG's EXTEND of annex F). */
    int signed(int size) {
        if (size == 0) {
            return 0;
        }
        int value = bits(size);
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }

    /**
     * At a restart interval's end: drops the padding bits and the RSTn marker, if it is there
     * (when it is not, the data is corrupt; decoding goes on with what follows, never back).
     */
    void restart() {
        bits = 0;
        count = 0;
        madeUp = 0;
        if (position + 1 < end && (data[position] & 0xFF) == 0xFF
                && (data[position + 1] & 0xFF) >= 0xD0 && (data[position + 1] & 0xFF) <= 0xD7) {
            position += 2;
            atMarker = false;
        }
    }
}
