package dev.sis.image;

import dev.sis.errors.OverBudgetException;

/**
 * Counts a JPEG's scans (its SOS segments) as its bytes go by, and refuses it past
 * {@code --max-jpeg-scans} (100 by default: ten times what real progressive encoders write, as
 * libjpeg-turbo's {@code djpeg -maxscans} suggests guarding against). Each scan of a progressive JPEG is a pass over every block of the image, so
 * a file of a few small scans per kilobyte makes a decoder loop over the whole image thousands of
 * times: a 1.6 MB file of 20,000 scans at 7000 × 7000 kept libvips busy for a minute and the
 * JDK's decoder for ten. Real encoders write 1 scan (baseline), up to 4 (baseline with one scan per
 * component) or about 10 (libjpeg's and mozjpeg's progressive scripts).
 *
 * <p>A state machine over the markers: segment headers and lengths are read, payloads skipped,
 * and the entropy-coded data after each SOS is scanned for the next marker (an {@code 0xFF} not
 * followed by a stuffed 0 or a restart marker). Only the first image counts: the walk ends at EOI.
 */
final class JpegScans implements StructureCheck {
    private final int maxScans;

    private enum State { SOI, MARKER, CODE, LENGTH_HIGH, LENGTH_LOW, PAYLOAD, ENTROPY, ENTROPY_FF, DONE }

    private State state = State.SOI;
    private int sinceStart;
    private int code;
    private int remaining;
    private int scans;

    /** @param maxScans the most scans a file may have ({@code --max-jpeg-scans}) */
    JpegScans(int maxScans) {
        this.maxScans = maxScans;
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end && state != State.DONE; i++) {
            int b = bytes[i] & 0xFF;
            switch (state) {
                case SOI -> state = ++sinceStart == 2 ? State.MARKER : State.SOI;
                case MARKER -> state = b == 0xFF ? State.CODE : State.MARKER; // junk between segments is skipped, as decoders do
                case CODE -> marker(b);
                case LENGTH_HIGH -> {
                    remaining = b << 8;
                    state = State.LENGTH_LOW;
                }
                case LENGTH_LOW -> {
                    remaining = (remaining | b) - 2;
                    state = remaining > 0 ? State.PAYLOAD : afterPayload();
                }
                case PAYLOAD -> {
                    int skip = Math.min(remaining, end - i);
                    remaining -= skip;
                    i += skip - 1;
                    if (remaining == 0) {
                        state = afterPayload();
                    }
                }
                case ENTROPY -> {
                    // Most of a file is a scan's data: skip to its next 0xFF in one tight loop.
                    while (i < end - 1 && bytes[i] != (byte) 0xFF) {
                        i++;
                    }
                    if (bytes[i] == (byte) 0xFF) {
                        state = State.ENTROPY_FF;
                    }
                }
                case ENTROPY_FF -> {
                    if (b == 0x00 || (b >= 0xD0 && b <= 0xD7)) {
                        state = State.ENTROPY; // a stuffed 0xFF, or a restart marker: still the scan's data
                    } else if (b != 0xFF) {
                        marker(b);
                    }
                }
                default -> {
                }
            }
        }
    }

    private void marker(int b) {
        code = b;
        if (b == 0xFF) {
            state = State.CODE; // fill bytes before a marker
        } else if (b == 0xD9) {
            state = State.DONE; // EOI: the first image ends here (an MPO's second one is never decoded)
        } else if (b == 0xD8 || b == 0x01 || (b >= 0xD0 && b <= 0xD7)) {
            state = State.MARKER; // markers without a length
        } else {
            if (b == 0xDA && ++scans > maxScans) {
                throw new OverBudgetException("the JPEG has more than " + maxScans
                        + " scans (progressive passes), this server's limit");
            }
            state = State.LENGTH_HIGH;
        }
    }

    private State afterPayload() {
        return code == 0xDA ? State.ENTROPY : State.MARKER;
    }
}
