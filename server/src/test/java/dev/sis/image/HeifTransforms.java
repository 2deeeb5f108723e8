package dev.sis.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a HEIF file (HEIC, AVIF) the way a phone does: appends {@code irot} and {@code imir}
 * properties to {@code meta/iprp/ipco} and associates them with the primary item in {@code ipma},
 * in the order given (ISO/IEC 23008-12 §6.5.10, §6.5.12: transformative properties apply in the
 * order of association). The pixels are not touched, so a decoder that honours the boxes shows
 * the coded picture turned.
 *
 * <p>Every enclosing box size is fixed, and when {@code meta} comes before {@code mdat} the
 * {@code iloc} file offsets (ISO/IEC 14496-12 §8.11.3) move by what {@code meta} grew. Test code
 * for files libvips wrote here: 32-bit box sizes only; anything else is an {@link IllegalArgumentException}.
 */
public final class HeifTransforms {
    /** One transformative property, in the order it is associated. */
    public sealed interface Step {
        byte[] box();
    }

    /** {@code irot}: {@code angle} quarter turns anticlockwise (1–3). */
    public record Rotate(int angle) implements Step {
        @Override
        public byte[] box() {
            return boxOf("irot", new byte[] {(byte) (angle & 3)});
        }
    }

    /** {@code imir}: {@code axis} 0 (a vertical axis in the first edition) or 1. */
    public record Mirror(int axis) implements Step {
        @Override
        public byte[] box() {
            return boxOf("imir", new byte[] {(byte) (axis & 1)});
        }
    }

    private HeifTransforms() {
    }

    /** {@code heif} with {@code steps} associated with its primary item, after its own properties. */
    public static byte[] turned(byte[] heif, Step... steps) {
        List<Box> top = boxes(ByteBuffer.wrap(heif), 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean metaSeen = false;
        boolean mdatFirst = false;
        for (Box box : top) {
            if (box.type.equals("meta")) {
                byte[] old = box.bytes(heif);
                // iloc moves by the growth, known once meta is rebuilt; the growth does not depend
                // on the offsets' values (they keep their width). An mdat before meta does not move.
                int delta = mdatFirst ? 0 : rebuildMeta(old, 0, steps).length - old.length;
                out.writeBytes(rebuildMeta(old, delta, steps));
                metaSeen = true;
            } else {
                mdatFirst |= box.type.equals("mdat") && !metaSeen;
                out.writeBytes(box.bytes(heif));
            }
        }
        if (!metaSeen) {
            throw new IllegalArgumentException("no meta box");
        }
        return out.toByteArray();
    }

    private static byte[] rebuildMeta(byte[] meta, int delta, Step[] steps) {
        ByteBuffer b = ByteBuffer.wrap(meta);
        byte[] versionAndFlags = Arrays.copyOfRange(meta, 8, 12);
        long primary = -1;
        List<Box> children = boxes(b, 12);
        for (Box child : children) {
            if (child.type.equals("pitm")) {
                ByteBuffer p = child.payload(meta);
                int version = p.get() & 0xFF;
                p.position(4);
                primary = version == 0 ? Short.toUnsignedInt(p.getShort()) : Integer.toUnsignedLong(p.getInt());
            }
        }
        if (primary < 0) {
            throw new IllegalArgumentException("no pitm");
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(versionAndFlags);
        for (Box child : children) {
            byte[] bytes = child.bytes(meta);
            payload.writeBytes(switch (child.type) {
                case "iprp" -> rebuildIprp(bytes, primary, steps);
                case "iloc" -> moved(bytes, delta);
                default -> bytes;
            });
        }
        return boxOf("meta", payload.toByteArray());
    }

    private static byte[] rebuildIprp(byte[] iprp, long primary, Step[] steps) {
        List<Box> children = boxes(ByteBuffer.wrap(iprp), 8);
        Box ipcoBox = children.stream().filter(c -> c.type.equals("ipco")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ipco"));
        int existing = boxes(ByteBuffer.wrap(iprp), ipcoBox.start + 8, ipcoBox.end()).size();
        ByteArrayOutputStream ipco = new ByteArrayOutputStream();
        ipco.writeBytes(Arrays.copyOfRange(iprp, ipcoBox.start + 8, ipcoBox.end()));
        for (Step step : steps) {
            ipco.writeBytes(step.box());
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (Box child : children) {
            payload.writeBytes(switch (child.type) {
                case "ipco" -> boxOf("ipco", ipco.toByteArray());
                case "ipma" -> associated(child.bytes(iprp), primary, existing + 1, steps.length);
                default -> child.bytes(iprp);
            });
        }
        return boxOf("iprp", payload.toByteArray());
    }

    /** The ipma box with properties {@code first…first+count-1} added, essential, to {@code item}. */
    private static byte[] associated(byte[] ipma, long item, int first, int count) {
        ByteBuffer in = ByteBuffer.wrap(ipma, 8, ipma.length - 8);
        int version = in.get() & 0xFF;
        int flags = (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | (in.get() & 0xFF);
        boolean wide = (flags & 1) != 0;
        if (!wide && first + count > 0x7F) {
            throw new IllegalArgumentException("too many properties for 7-bit indexes");
        }
        ByteBuffer out = ByteBuffer.allocate(ipma.length + count * 2);
        out.put(ipma, 8, 4);
        long entries = Integer.toUnsignedLong(in.getInt());
        out.putInt((int) entries);
        boolean found = false;
        for (long e = 0; e < entries; e++) {
            long id = version < 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
            int n = in.get() & 0xFF;
            byte[] associations = new byte[n * (wide ? 2 : 1)];
            in.get(associations);
            if (version < 1) {
                out.putShort((short) id);
            } else {
                out.putInt((int) id);
            }
            boolean primary = id == item;
            found |= primary;
            out.put((byte) (n + (primary ? count : 0)));
            out.put(associations);
            for (int i = 0; primary && i < count; i++) {
                int essential = first + i | (wide ? 0x8000 : 0x80);
                if (wide) {
                    out.putShort((short) essential);
                } else {
                    out.put((byte) essential);
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("the primary item has no properties");
        }
        return boxOf("ipma", Arrays.copyOf(out.array(), out.position()));
    }

    /** The iloc box with every file offset (construction method 0) moved by {@code delta}. */
    private static byte[] moved(byte[] iloc, int delta) {
        byte[] copy = iloc.clone();
        ByteBuffer b = ByteBuffer.wrap(copy);
        b.position(8);
        int version = b.get() & 0xFF;
        b.position(12);
        int sizes = Short.toUnsignedInt(b.getShort());
        int offsetSize = sizes >> 12;
        int lengthSize = sizes >> 8 & 0xF;
        int baseOffsetSize = sizes >> 4 & 0xF;
        int indexSize = version >= 1 ? sizes & 0xF : 0;
        long items = version < 2 ? Short.toUnsignedInt(b.getShort()) : Integer.toUnsignedLong(b.getInt());
        for (long i = 0; i < items; i++) {
            b.position(b.position() + (version < 2 ? 2 : 4));
            int construction = version >= 1 ? b.getShort() & 0xF : 0;
            b.position(b.position() + 2); // data_reference_index
            boolean inFile = construction == 0;
            boolean viaBase = inFile && baseOffsetSize > 0;
            add(b, baseOffsetSize, viaBase ? delta : 0);
            int extents = Short.toUnsignedInt(b.getShort());
            for (int e = 0; e < extents; e++) {
                b.position(b.position() + indexSize);
                add(b, offsetSize, inFile && !viaBase ? delta : 0);
                b.position(b.position() + lengthSize);
            }
        }
        return copy;
    }

    /** Adds {@code delta} to the unsigned number of {@code size} bytes (0, 4 or 8) at the position, moving past it. */
    private static void add(ByteBuffer b, int size, int delta) {
        int at = b.position();
        switch (size) {
            case 0 -> {
            }
            case 4 -> b.putInt(at, (int) (Integer.toUnsignedLong(b.getInt(at)) + delta));
            case 8 -> b.putLong(at, b.getLong(at) + delta);
            default -> throw new IllegalArgumentException("an iloc field of " + size + " bytes");
        }
        b.position(at + size);
    }

    private record Box(String type, int start, int size) {
        int end() {
            return start + size;
        }

        byte[] bytes(byte[] file) {
            return Arrays.copyOfRange(file, start, end());
        }

        ByteBuffer payload(byte[] file) {
            return ByteBuffer.wrap(file, start + 8, size - 8).slice();
        }
    }

    private static List<Box> boxes(ByteBuffer b, int from) {
        return boxes(b, from, b.limit());
    }

    private static List<Box> boxes(ByteBuffer b, int from, int to) {
        List<Box> boxes = new ArrayList<>();
        for (int at = from; at < to; ) {
            long size = Integer.toUnsignedLong(b.getInt(at));
            String type = new String(b.array(), at + 4, 4, StandardCharsets.ISO_8859_1);
            if (size < 8 || at + size > to) {
                throw new IllegalArgumentException("box " + type + " of " + size + " bytes (64-bit or to-the-end sizes are not handled)");
            }
            boxes.add(new Box(type, at, (int) size));
            at += (int) size;
        }
        return boxes;
    }

    /** A box of {@code type} around {@code payload}; irot and imir are plain boxes (no version). */
    private static byte[] boxOf(String type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload).array();
    }
}
