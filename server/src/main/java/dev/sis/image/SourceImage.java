package dev.sis.image;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.errors.UnsupportedImageException;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * An image opened for reading: its format (from the magic number), an ImageIO reader positioned
 * on it, its size from the header — the canvas for a GIF — and its EXIF orientation. Nothing is
 * decoded until asked. Not thread-safe; close it to release the reader.
 *
 * <p>Only pure-Java readers are used (see the static initialiser).
 */
final class SourceImage implements AutoCloseable {
    static {
        // Keep ImageIO's stream buffering in memory: no temp files behind our back.
        ImageIO.setUseCache(false);
        // The WebP encoder's jar also registers a reader backed by native libwebp; WebP is read
        // by TwelveMonkeys' pure-Java reader instead, so untrusted files never reach native code.
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.getServiceProviders(ImageReaderSpi.class, spi -> spi.getClass().getName().startsWith("com.luciad."), false)
                .forEachRemaining(spi -> registry.deregisterServiceProvider(spi, ImageReaderSpi.class));
    }

    /** A JPEG's frame header markers (SOF0 to SOF15, as 0xFFCn), each with any identifier, for the segment walk. */
    private static final Map<Integer, List<String>> JPEG_FRAME_HEADERS = IntStream.rangeClosed(0xC0, 0xCF)
            .filter(JpegHead::isFrameHeader).boxed()
            .collect(Collectors.toMap(marker -> 0xFF00 | marker, marker -> JPEGSegmentUtil.ALL_IDS));

    final ImageFormat format;
    /** Null for a HEIF file: see {@link #decodable()}. */
    final ImageReader reader;
    /** Width and height as stored (before the orientation is applied). */
    final int width;
    final int height;
    final Orientation orientation;
    /** A profile the reader does not apply itself (a PNG's iCCP), or null. */
    final ICC_Profile iccProfile;
    private final GuardedImageInputStream stream;
    /** The file's length once {@link #checkStructure} has read it to its end, else -1. */
    private long length = -1;
    /** Fed every byte of the file as the stream first reads it. */
    private final StructureCheck structure;

    private SourceImage(ImageFormat format, ImageReader reader, GuardedImageInputStream stream, StructureCheck structure,
                        int width, int height, Orientation orientation, ICC_Profile iccProfile) {
        this.structure = structure;
        this.iccProfile = iccProfile;
        this.format = format;
        this.reader = reader;
        this.stream = stream;
        this.width = width;
        this.height = height;
        this.orientation = orientation;
    }

    /** As {@link #open(InputStream, ImageLimits)}, with no structure check (for probing headers). */
    static SourceImage open(InputStream in) {
        return open(in, null);
    }

    /**
     * Opens {@code in} (not closed by this) and reads the header. Every byte read from {@code in}
     * goes through the structure check of the format within {@code limits} (none when null).
     *
     * @throws UnsupportedImageException when it is not an image in a supported format, or its
     *                                   header is broken
     * @throws OverBudgetException       when what the header walk read is already over a structure limit
     */
    static SourceImage open(InputStream in, ImageLimits limits) {
        byte[] head;
        try {
            head = in.readNBytes(ImageFormat.SNIFF_LENGTH);
        } catch (IOException e) {
            throw new UnsupportedImageException("the file could not be read as an image", e);
        }
        ImageFormat format = ImageFormat.sniff(head, head.length)
                .orElseThrow(() -> new UnsupportedImageException(
                        "the file is not an image in a supported format (" + SUPPORTED + ")"));
        if (format.heif()) {
            return openHeif(format, head, in);
        }
        ImageReader reader = readerFor(format);
        GuardedImageInputStream stream = null;
        try {
            StructureCheckingStream checked = new StructureCheckingStream(
                    new SequenceInputStream(new ByteArrayInputStream(head), in),
                    limits == null ? StructureCheck.NONE : StructureCheck.of(format, limits));
            stream = new GuardedImageInputStream(checked);
            Orientation orientation = ExifOrientation.read(stream, format);
            int[] canvas = format == ImageFormat.GIF ? GifStructure.logicalScreen(stream) : null;
            ICC_Profile profile = format == ImageFormat.PNG ? PngIccProfile.read(stream) : null;
            // GIF frames carry metadata (position, delay, disposal) that animation needs.
            reader.setInput(stream, false, format != ImageFormat.GIF);
            int width = canvas != null && canvas[0] > 0 ? canvas[0] : reader.getWidth(0);
            int height = canvas != null && canvas[1] > 0 ? canvas[1] : reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw new UnsupportedImageException("the image header declares no pixels");
            }
            return new SourceImage(format, reader, stream, checked.check(), width, height, orientation, profile);
        } catch (IOException | RuntimeException e) {
            reader.dispose();
            closeQuietly(stream);
            if (e instanceof UnsupportedImageException || e instanceof OverBudgetException) {
                throw (RuntimeException) e; // OverBudget: the structure check refused what the header walk read
            }
            throw new UnsupportedImageException("the " + format.urlName() + " header is broken or truncated", e);
        }
    }

    /** What {@code open} recognises, for messages. */
    static final String SUPPORTED = "JPEG, PNG, GIF, WebP, BMP, HEIC/HEIF, AVIF";

    /**
     * A HEIF file (HEIC, HEIF, AVIF): its size from its boxes ({@link HeifHeader}), and no reader —
     * no pure-Java decoder exists, so only libvips makes its variants ({@link #decodable()}). No
     * stream either: nothing here reads past the header.
     */
    private static SourceImage openHeif(ImageFormat format, byte[] head, InputStream in) {
        try {
            HeifHeader.Size size = HeifHeader.read(new SequenceInputStream(new ByteArrayInputStream(head), in));
            return new SourceImage(format, null, null, StructureCheck.NONE, size.width(), size.height(),
                    size.orientation(), null);
        } catch (IOException e) {
            throw new UnsupportedImageException("the " + format.urlName() + " header could not be read", e);
        }
    }

    /** Whether the pure-Java engine can decode it: not a HEIF file, which has no reader here. */
    boolean decodable() {
        return reader != null;
    }

    long pixels() {
        return (long) width * height;
    }

    /** Width as displayed: after the orientation is applied. */
    int displayedWidth() {
        return orientation.displayedWidth(width, height);
    }

    int displayedHeight() {
        return orientation.displayedHeight(width, height);
    }

    /**
     * Frames in the file: counted for a GIF (up to {@code cap + 1}), 1 for the other formats
     * (only their first frame is read).
     */
    int countFrames(int cap) {
        if (format != ImageFormat.GIF) {
            return 1;
        }
        try {
            return Math.max(1, GifStructure.countFrames(stream, cap));
        } catch (IOException e) {
            throw new UnsupportedImageException("the gif is broken or truncated", e);
        }
    }

    /** From now on, reading the file fails once {@code deadline} has passed: that stops any decoder. */
    void stopAt(Deadline deadline) {
        stream.stopAt(deadline);
    }

    /**
     * Reads the rest of the file (into the stream's cache, where the decoder reads it from), so
     * that its structure has been checked ({@link StructureCheck}: it sees every byte as it is
     * first read); the stream is left where it was. Call it only once the decode has been
     * admitted: it reads the whole file.
     *
     * @throws dev.sis.errors.OverBudgetException when the structure is over a limit
     * @throws IOException                         when the file cannot be read (or the deadline passed)
     */
    void checkStructure() throws IOException {
        if (structure != StructureCheck.NONE) {
            long position = stream.getStreamPosition();
            byte[] block = new byte[64 * 1024];
            while (stream.read(block) > 0) {
                // read on: the check is fed on the way
            }
            length = stream.getStreamPosition();
            stream.seek(position);
        }
    }

    /**
     * The file's first bytes up to the stream's position (at most {@code max}). How far that is
     * depends on the reader: TwelveMonkeys' WebP reader stands past the VP8X chunk once it has the
     * size, its JPEG reader back at 0 (a JPEG's frame header: {@link #jpegFrameHeader()}). The
     * stream is left where it was.
     */
    byte[] head(int max) throws IOException {
        long position = stream.getStreamPosition();
        byte[] head = new byte[(int) Math.min(position, max)];
        stream.seek(0);
        stream.readFully(head);
        stream.seek(position);
        return head;
    }

    /**
     * A JPEG's frame header (its first SOFn segment) behind an SOI marker, or null when the segments
     * before the first scan hold none: all {@link dev.sis.image.jpeg.ScaledJpegDecoder#workingBytes}
     * needs, however much metadata comes first. Walked from the file's start whatever the reader's
     * position (TwelveMonkeys' reader leaves the stream at 0 once it has the size), over segments
     * already read to find the size and the orientation: nothing more of the file is read. The
     * stream is left where it was.
     */
    byte[] jpegFrameHeader() throws IOException {
        long position = stream.getStreamPosition();
        try {
            stream.seek(0);
            List<JPEGSegment> frames = JPEGSegmentUtil.readSegments(stream, JPEG_FRAME_HEADERS);
            if (frames.isEmpty()) {
                return null;
            }
            JPEGSegment frame = frames.getFirst();
            byte[] payload = frame.data().readAllBytes();
            ByteArrayOutputStream head = new ByteArrayOutputStream(6 + payload.length);
            head.write(0xFF);
            head.write(0xD8);
            head.write(0xFF);
            head.write(frame.marker() & 0xFF);
            head.write((payload.length + 2) >> 8);
            head.write((payload.length + 2) & 0xFF);
            head.writeBytes(payload);
            return head.toByteArray();
        } finally {
            stream.seek(position);
        }
    }

    /**
     * The whole file, read through the stream (so the deadline and the structure check apply), for
     * a decoder that works on bytes in memory. The stream is left where it was.
     */
    byte[] wholeFile() throws IOException {
        long position = stream.getStreamPosition();
        stream.seek(0);
        if (length >= 0 && length <= Integer.MAX_VALUE - 8) {
            // the length is known: one array, filled once (no growing buffer and final copy)
            byte[] whole = new byte[(int) length];
            stream.readFully(whole);
            stream.seek(position);
            return whole;
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] block = new byte[64 * 1024];
        int n;
        while ((n = stream.read(block)) > 0) {
            file.write(block, 0, n);
        }
        stream.seek(position);
        return file.toByteArray();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.dispose();
        }
        closeQuietly(stream);
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.urlName());
        if (readers.hasNext()) {
            return readers.next();
        }
        throw new UnsupportedImageException("reading " + format.urlName() + " is not supported by this server");
    }

    private static void closeQuietly(ImageInputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Nothing to release beyond memory; the source stream belongs to the caller.
            }
        }
    }
}
