package dev.sis.image;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;

/**
 * Walks a GIF's blocks without decoding them: the logical screen (the canvas every frame is
 * drawn on, which is the image's size) and how many frames there are. Counting stops past a
 * cap, so a file of a million one-pixel frames costs one pass over its bytes and no memory.
 */
final class GifStructure {
    private GifStructure() {
    }

    /** The canvas size of the GIF in {@code stream} (at its start; left there again): {width, height}. */
    static int[] logicalScreen(ImageInputStream stream) throws IOException {
        long start = stream.getStreamPosition();
        try {
            stream.skipBytes(6);
            return new int[] {u16(stream), u16(stream)};
        } finally {
            stream.seek(start);
        }
    }

    /**
     * Counts the frames of the GIF in {@code stream} (at its start; left there again), stopping
     * once more than {@code cap} are seen. A truncated file counts the frames whose descriptor
     * was seen.
     *
     * @return the number of frames, or {@code cap + 1} when there are more than {@code cap}
     */
    static int countFrames(ImageInputStream stream, int cap) throws IOException {
        long start = stream.getStreamPosition();
        int frames = 0;
        try {
            stream.skipBytes(10);
            int flags = stream.readUnsignedByte();
            stream.skipBytes(2);
            skipColourTable(stream, flags);
            while (frames <= cap) {
                int block = stream.read();
                if (block == 0x2C) {
                    frames++;
                    stream.skipBytes(8);
                    skipColourTable(stream, stream.readUnsignedByte());
                    stream.skipBytes(1); // LZW minimum code size
                    skipSubBlocks(stream);
                } else if (block == 0x21) {
                    stream.skipBytes(1); // the extension's label
                    skipSubBlocks(stream);
                } else {
                    break; // the trailer (0x3B), the end of the file, or garbage: no more frames
                }
            }
        } catch (EOFException truncated) {
            // Count what was there.
        } finally {
            stream.seek(start);
        }
        return frames;
    }

    private static void skipColourTable(ImageInputStream stream, int flags) throws IOException {
        if ((flags & 0x80) != 0) {
            stream.seek(stream.getStreamPosition() + 3L * (1 << ((flags & 0x07) + 1)));
        }
    }

    private static void skipSubBlocks(ImageInputStream stream) throws IOException {
        int size;
        while ((size = stream.readUnsignedByte()) != 0) {
            stream.seek(stream.getStreamPosition() + size);
        }
    }

    private static int u16(ImageInputStream stream) throws IOException {
        int low = stream.readUnsignedByte();
        return low | stream.readUnsignedByte() << 8;
    }
}
