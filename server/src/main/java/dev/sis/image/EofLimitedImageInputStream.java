package dev.sis.image;

import java.io.IOException;
import java.io.InputStream;
import javax.imageio.IIOException;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An image input stream that fails once a decoder keeps reading after the end of the data.
 * Some decoders treat the end of the data as endless zero bits: TwelveMonkeys' WebP lossless
 * decoder catches each {@code EOFException} and reads on, so a 171-byte truncated file kept one
 * decode busy for 45 s, building millions of exceptions (found by ImageVariantFuzzTest). A
 * decoder may read a little past the end; past {@value #MAX_READS_AFTER_END} reads it gets an
 * {@link IIOException} it does not catch, and the image is refused as truncated.
 */
final class EofLimitedImageInputStream extends MemoryCacheImageInputStream {
    static final int MAX_READS_AFTER_END = 4096;

    private int readsAfterEnd;

    EofLimitedImageInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            pastTheEnd();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            pastTheEnd();
        }
        return n;
    }

    private void pastTheEnd() throws IIOException {
        if (++readsAfterEnd > MAX_READS_AFTER_END) {
            throw new IIOException("the image data ended long before the decoder was done");
        }
    }
}
