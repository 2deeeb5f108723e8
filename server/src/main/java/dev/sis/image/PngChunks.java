package dev.sis.image;

import dev.sis.errors.OverBudgetException;

/**
 * Counts a PNG's ancillary chunks as its bytes go by, and refuses it past the limits. A decoder
 * (libpng under libvips) inflates every zTXt, iTXt and iCCP chunk before it reaches the pixels,
 * each up to 8 MB of text from a few kilobytes: 200 such chunks in a 1.5 MB file cost 6 s of
 * native time per variant. Real files have a handful of ancillary chunks and one or two compressed
 * ones (an ICC profile, an XMP packet, a comment).
 */
final class PngChunks implements StructureCheck {
    /** The most compressed ancillary chunks (zTXt, iTXt, iCCP): each may inflate to 8 MB of text. */
    static final int MAX_COMPRESSED_CHUNKS = 8;
    /** The most ancillary chunks of any kind (text, time, physical size, private ones…). */
    static final int MAX_ANCILLARY_CHUNKS = 256;
    private static final int SIGNATURE = 8;
    private static final int HEADER = 8;
    private static final int CRC = 4;

    private final byte[] header = new byte[HEADER];
    private long skip = SIGNATURE;
    private int headerBytes;
    private int ancillary;
    private int compressed;
    private boolean ended;

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end && !ended) {
            if (skip > 0) {
                int n = (int) Math.min(skip, end - i);
                skip -= n;
                i += n;
            } else {
                header[headerBytes++] = bytes[i++];
                if (headerBytes == HEADER) {
                    headerBytes = 0;
                    chunk();
                }
            }
        }
    }

    /** A chunk header is complete: its length (4 bytes, big-endian) and type (4 letters). */
    private void chunk() {
        long dataLength = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
                | (header[3] & 0xFF);
        String type = new String(header, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        skip = dataLength + CRC;
        if (type.equals("IEND")) {
            ended = true;
            return;
        }
        boolean isAncillary = (header[4] & 0x20) != 0; // a lower-case first letter
        if (!isAncillary) {
            return;
        }
        if (++ancillary > MAX_ANCILLARY_CHUNKS) {
            throw new OverBudgetException("the PNG has more than " + MAX_ANCILLARY_CHUNKS
                    + " ancillary chunks, this server's limit");
        }
        if ((type.equals("zTXt") || type.equals("iTXt") || type.equals("iCCP")) && ++compressed > MAX_COMPRESSED_CHUNKS) {
            throw new OverBudgetException("the PNG has more than " + MAX_COMPRESSED_CHUNKS
                    + " compressed text or profile chunks (zTXt, iTXt, iCCP), this server's limit");
        }
    }
}
