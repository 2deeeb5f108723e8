package dev.sis.image;

import dev.sis.errors.UnsupportedImageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The size of a HEIF file's primary image (HEIC, HEIF, AVIF), read from its box structure
 * (ISO/IEC 23008-12) without native code: {@code meta} → {@code pitm} names the primary item,
 * {@code iprp} → {@code ipma} lists its properties in {@code ipco}, among them {@code ispe} (the
 * size as coded) and, when the picture is to be turned, {@code irot} and {@code imir}.
 *
 * <p>Uploaded bytes are hostile: every length is checked against what contains it, at most
 * {@link #MAX_TOP_LEVEL_BOXES} boxes are walked before {@code meta}, and {@code meta} itself is read
 * into memory only up to {@link #MAX_META_BYTES}. Each box read moves forward by at least its
 * header, so no box can make the walk loop. Anything else is "not a readable HEIF header" (415).
 */
final class HeifHeader {
    /** Phones write a few KiB of {@code meta} (more with grid tiles); far more is not a photo. */
    static final int MAX_META_BYTES = 1 << 20;
    /** Boxes before {@code meta}: {@code ftyp}, sometimes {@code mdat} or {@code free}; never dozens. */
    static final int MAX_TOP_LEVEL_BOXES = 64;

    /**
     * @param width               as coded ({@code ispe})
     * @param height              as coded
     * @param quarterTurns        anticlockwise quarter turns to show it upright ({@code irot}), 0–3
     * @param mirrored            whether it is mirrored too ({@code imir})
     */
    record Size(int width, int height, int quarterTurns, boolean mirrored) {
        /**
         * The EXIF orientation that turns the coded picture the same way, for the displayed size.
         * The axis of a mirror only matters for pixels, which libheif turns itself.
         */
        Orientation orientation() {
            return switch (quarterTurns) {
                case 1 -> mirrored ? Orientation.TRANSVERSE : Orientation.ROTATE_270;
                case 2 -> mirrored ? Orientation.MIRROR_VERTICAL : Orientation.ROTATE_180;
                case 3 -> mirrored ? Orientation.TRANSPOSE : Orientation.ROTATE_90;
                default -> mirrored ? Orientation.MIRROR_HORIZONTAL : Orientation.NORMAL;
            };
        }
    }

    private HeifHeader() {
    }

    /**
     * Reads boxes from {@code in} (the file from its first byte; read only up to the end of
     * {@code meta}, not closed).
     *
     * @throws UnsupportedImageException when the structure is broken, truncated, over a bound, or
     *                                   names no primary image with a size
     * @throws IOException               when {@code in} cannot be read
     */
    static Size read(InputStream in) throws IOException {
        for (int box = 0; box < MAX_TOP_LEVEL_BOXES; box++) {
            byte[] header = in.readNBytes(8);
            if (header.length < 8) {
                throw broken(header.length == 0 ? "it has no meta box" : "a box header is truncated");
            }
            ByteBuffer b = ByteBuffer.wrap(header);
            long size = Integer.toUnsignedLong(b.getInt());
            String type = fourCc(b);
            int headerLength = 8;
            if (size == 1) {
                byte[] large = in.readNBytes(8);
                if (large.length < 8) {
                    throw broken("a box header is truncated");
                }
                size = ByteBuffer.wrap(large).getLong();
                headerLength = 16;
            }
            boolean toTheEnd = size == 0;
            if (!toTheEnd && size < headerLength) {
                throw broken("a box declares " + size + " bytes, less than its own header");
            }
            if (box == 0 && !type.equals("ftyp")) {
                throw broken("it does not start with a file type box");
            }
            if (type.equals("meta")) {
                return readMeta(in, toTheEnd ? -1 : size - headerLength);
            }
            if (toTheEnd) {
                throw broken("it has no meta box");
            }
            try {
                in.skipNBytes(size - headerLength);
            } catch (EOFException e) {
                throw broken("a box is truncated");
            }
        }
        throw broken("no meta box in its first " + MAX_TOP_LEVEL_BOXES + " boxes");
    }

    private static Size readMeta(InputStream in, long length) throws IOException {
        if (length > MAX_META_BYTES) {
            throw broken("its meta box declares " + length + " bytes, over the " + MAX_META_BYTES + " read");
        }
        byte[] meta = in.readNBytes(length < 0 ? MAX_META_BYTES + 1 : (int) length);
        if (length < 0 && meta.length > MAX_META_BYTES) {
            throw broken("its meta box is over the " + MAX_META_BYTES + " bytes read");
        }
        if (length >= 0 && meta.length < length) {
            throw broken("its meta box is truncated");
        }
        try {
            return primarySize(ByteBuffer.wrap(meta));
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw broken("a box inside meta is truncated");
        }
    }

    /** From the payload of {@code meta} (a full box: version and flags first). */
    private static Size primarySize(ByteBuffer meta) {
        meta.getInt();
        long primary = -1;
        List<ByteBuffer> properties = new ArrayList<>();
        List<ByteBuffer> associations = new ArrayList<>();
        for (ByteBuffer child : children(meta)) {
            String type = fourCc(child);
            switch (type) {
                case "pitm" -> {
                    int version = child.get() & 0xFF;
                    child.position(child.position() + 3);
                    primary = version == 0 ? Short.toUnsignedInt(child.getShort()) : Integer.toUnsignedLong(child.getInt());
                }
                case "iprp" -> {
                    for (ByteBuffer property : children(child)) {
                        String kind = fourCc(property);
                        if (kind.equals("ipco")) {
                            properties.addAll(children(property));
                        } else if (kind.equals("ipma")) {
                            associations.add(property);
                        }
                    }
                }
                default -> {
                    // hdlr, iinf, iloc, iref, idat…: not needed for the size
                }
            }
        }
        if (primary < 0) {
            throw broken("it names no primary item");
        }
        return sizeOf(primary, properties, associations);
    }

    private static Size sizeOf(long item, List<ByteBuffer> properties, List<ByteBuffer> associations) {
        int width = 0;
        int height = 0;
        int quarterTurns = 0;
        boolean mirrored = false;
        for (int index : propertyIndexes(item, associations)) {
            if (index < 1 || index > properties.size()) {
                continue; // 0 means "no property"; one past the list is ignored, as libheif does
            }
            ByteBuffer property = properties.get(index - 1).duplicate();
            switch (fourCc(property)) {
                case "ispe" -> {
                    property.getInt();
                    width = dimension(property.getInt());
                    height = dimension(property.getInt());
                }
                case "irot" -> quarterTurns = property.get() & 3;
                case "imir" -> mirrored = true;
                default -> {
                    // colr, pixi, hvcC, av1C, clap…
                }
            }
        }
        if (width < 1 || height < 1) {
            throw broken("its primary item has no size");
        }
        return new Size(width, height, quarterTurns, mirrored);
    }

    /** The {@code ipco} indexes (from 1) that the {@code ipma} boxes associate with {@code item}. */
    private static List<Integer> propertyIndexes(long item, List<ByteBuffer> associations) {
        List<Integer> indexes = new ArrayList<>();
        for (ByteBuffer ipma : associations) {
            int version = ipma.get() & 0xFF;
            int flags = ((ipma.get() & 0xFF) << 16) | ((ipma.get() & 0xFF) << 8) | (ipma.get() & 0xFF);
            long entries = Integer.toUnsignedLong(ipma.getInt());
            // Each entry takes at least 3 bytes, so the count is bounded by the box; a lie underflows.
            for (long e = 0; e < entries; e++) {
                long id = version < 1 ? Short.toUnsignedInt(ipma.getShort()) : Integer.toUnsignedLong(ipma.getInt());
                int count = ipma.get() & 0xFF;
                for (int a = 0; a < count; a++) {
                    int index = (flags & 1) != 0 ? ipma.getShort() & 0x7FFF : ipma.get() & 0x7F;
                    if (id == item) {
                        indexes.add(index);
                    }
                }
            }
        }
        return indexes;
    }

    /**
     * The boxes inside {@code container} from its position on, each a buffer over its own bytes
     * whose position is at its type (the four bytes before its payload).
     */
    private static List<ByteBuffer> children(ByteBuffer container) {
        List<ByteBuffer> children = new ArrayList<>();
        while (container.remaining() >= 8) {
            int start = container.position();
            long size = Integer.toUnsignedLong(container.getInt());
            int headerLength = 8;
            if (size == 1) {
                container.getInt();
                size = container.getLong();
                headerLength = 16;
            } else if (size == 0) {
                size = container.limit() - start; // to the end of what contains it
            }
            if (size < headerLength || size > container.limit() - start) {
                throw broken("a box declares " + size + " bytes, more than holds it or less than its header");
            }
            ByteBuffer child = container.duplicate();
            child.position(start + 4).limit(start + (int) size);
            children.add(child.slice());
            if (headerLength == 16) {
                // type first, then the payload after the 64-bit size
                ByteBuffer typed = ByteBuffer.allocate((int) size - 12);
                typed.put(container.array(), container.arrayOffset() + start + 4, 4);
                typed.put(container.array(), container.arrayOffset() + start + 16, (int) size - 16);
                children.set(children.size() - 1, typed.flip());
            }
            container.position(start + (int) size);
        }
        return children;
    }

    private static int dimension(int value) {
        if (value < 0) {
            throw broken("its size is over 2^31 pixels a side");
        }
        return value;
    }

    private static String fourCc(ByteBuffer b) {
        byte[] type = new byte[4];
        b.get(type);
        return new String(type, StandardCharsets.ISO_8859_1);
    }

    private static UnsupportedImageException broken(String why) {
        return new UnsupportedImageException("the HEIF header is not readable: " + why);
    }
}
