package dev.sis.image;

import java.io.IOException;
import java.io.InputStream;
import javax.imageio.IIOException;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The image input stream every decoder reads through, which stops a decoder that goes on too long
 * by failing its next read:
 *
 * <ul>
 *   <li>Past the end of the data. Some decoders treat the end as endless zero bits: TwelveMonkeys'
 *       WebP lossless decoder catches each {@code EOFException} and reads on, so a 171-byte
 *       truncated file kept one decode busy for 45 s, building millions of exceptions (found by
 *       ImageVariantFuzzTest). A decoder may read a little past the end; past
 *       {@value #MAX_READS_AFTER_END} reads it gets an {@link IIOException} it does not catch,
 *       and the image is refused as truncated.
 *   <li>Past the decode deadline ({@link #stopAt}). ImageIO's {@code abort()} is only looked at
 *       between rows, and the JDK's JPEG decoder does not even leave its loop over a progressive
 *       file's scans when it sees it: that loop is where a scan bomb spends its time (about 36 ms
 *       a scan at 7000 × 7000 here). But every decoder reads its input as it goes, so a read that
 *       fails stops it there. Once a deadline is set, a read hands over at most
 *       {@value #MAX_READ_WHILE_DECODING} bytes: the JDK's decoder would take 4 KiB, room for some
 *       75 tiny scans, seconds of work between two looks at the clock; 512 bytes hold about 9.
 * </ul>
 */
final class GuardedImageInputStream extends MemoryCacheImageInputStream {
    static final int MAX_READS_AFTER_END = 4096;
    static final int MAX_READ_WHILE_DECODING = 512;
    /** Single-byte reads between two looks at the clock, for decoders that read byte by byte. */
    private static final int BYTE_READS_PER_CHECK = 256;

    private int readsAfterEnd;
    private Deadline deadline;
    private int byteReads;

    GuardedImageInputStream(InputStream in) {
        super(in);
    }

    /** From now on, reads fail once {@code deadline} has passed. */
    void stopAt(Deadline deadline) {
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        if (++byteReads == BYTE_READS_PER_CHECK) {
            byteReads = 0;
            checkDeadline();
        }
        int b = super.read();
        if (b < 0) {
            pastTheEnd();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkDeadline();
        int n = super.read(buffer, offset, deadline == null ? length : Math.min(length, MAX_READ_WHILE_DECODING));
        if (n < 0) {
            pastTheEnd();
        }
        return n;
    }

    private void checkDeadline() throws IIOException {
        if (deadline != null && deadline.passed()) {
            throw new IIOException("stopped: the decode deadline has passed");
        }
    }

    private void pastTheEnd() throws IIOException {
        if (++readsAfterEnd > MAX_READS_AFTER_END) {
            throw new IIOException("the image data ended long before the decoder was done");
        }
    }
}
