package dev.sis.testing;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Image files made byte by byte for the engine's tests: every JPEG flavour, EXIF and ICC blocks
 * spliced into JPEG, PNG and WebP files, animated GIFs, and hostile files (bombs, forged
 * headers). Each builder writes what a real encoder would, so the engine sees real files.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    // ---- JPEG ----------------------------------------------------------------------------

    /** A JPEG with the given luma sampling ({@code "4:2:0"}, {@code "4:2:2"}, {@code "4:4:4"}), baseline or progressive. */
    public static byte[] jpeg(BufferedImage image, String sampling, boolean progressive) {
        ImageWriter writer = jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        IIOMetadataNode luma = (IIOMetadataNode) root.getElementsByTagName("componentSpec").item(0);
        int h = sampling.equals("4:4:4") ? 1 : 2;
        int v = sampling.equals("4:2:0") ? 2 : 1;
        luma.setAttribute("HsamplingFactor", Integer.toString(h));
        luma.setAttribute("VsamplingFactor", Integer.toString(v));
        try {
            metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(writer, new IIOImage(image, null, metadata), param);
    }

    /**
     * A four-channel Adobe JPEG of {@code width × height} filled with {@code cmyk} (0–255 ink a
     * channel), as CMYK ({@code ycck} false) or YCCK. Stored inverted, as Photoshop writes it.
     */
    public static byte[] cmykJpeg(int width, int height, int[] cmyk, boolean ycck) {
        ImageWriter writer = jdkJpegWriter();
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] inverted = {255 - cmyk[0], 255 - cmyk[1], 255 - cmyk[2], 255 - cmyk[3]};
        if (ycck) {
            // The JDK writer does not convert rasters: give it YCCK as libjpeg makes it from the
            // stored (inverted) C, M, Y: 255 - stored taken as R, G, B and turned into YCbCr
            // with JFIF's equations; K stays as stored.
            double r = cmyk[0];
            double g = cmyk[1];
            double b = cmyk[2];
            inverted = new int[] {
                    (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b),
                    (int) Math.round(Math.clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b, 0, 255)),
                    (int) Math.round(Math.clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b, 0, 255)),
                    inverted[3]};
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, inverted);
            }
        }
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        IIOMetadata metadata = writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR)), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        IIOMetadataNode jpegVariety = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
        while (jpegVariety.getFirstChild() != null) {
            jpegVariety.removeChild(jpegVariety.getFirstChild()); // no JFIF: it means YCbCr
        }
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
        adobe.setAttribute("transform", ycck ? "2" : "0");
        markers.insertBefore(adobe, markers.getFirstChild());
        IIOMetadataNode sof = (IIOMetadataNode) root.getElementsByTagName("sof").item(0);
        IIOMetadataNode sos = (IIOMetadataNode) root.getElementsByTagName("sos").item(0);
        sof.setAttribute("numFrameComponents", "4");
        sos.setAttribute("numScanComponents", "4");
        for (Node parent : new Node[] {sof, sos}) {
            while (parent.getFirstChild() != null) {
                parent.removeChild(parent.getFirstChild());
            }
        }
        for (int c = 1; c <= 4; c++) {
            IIOMetadataNode component = new IIOMetadataNode("componentSpec");
            component.setAttribute("componentId", Integer.toString(c));
            component.setAttribute("HsamplingFactor", "1");
            component.setAttribute("VsamplingFactor", "1");
            component.setAttribute("QtableSelector", c == 1 || c == 4 ? "0" : "1");
            sof.appendChild(component);
            IIOMetadataNode scan = new IIOMetadataNode("scanComponentSpec");
            scan.setAttribute("componentSelector", Integer.toString(c));
            scan.setAttribute("dcHuffTable", c == 1 || c == 4 ? "0" : "1");
            scan.setAttribute("acHuffTable", c == 1 || c == 4 ? "0" : "1");
            sos.appendChild(scan);
        }
        try {
            metadata.setFromTree("javax_imageio_jpeg_image_1.0", root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(writer, new IIOImage(raster, null, metadata), param);
    }

    /** {@code jpeg} with an APPn segment ({@code marker} 0xE0–0xEF) carrying {@code payload} right after SOI. */
    public static byte[] withJpegSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** {@code jpeg} with an embedded ICC profile (APP2 "ICC_PROFILE", one chunk). */
    public static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
        byte[] payload = concat("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1), new byte[] {1, 1}, profile);
        return withJpegSegment(jpeg, 0xE2, payload);
    }

    /** {@code jpeg} with a comment segment (COM). */
    public static byte[] withComment(byte[] jpeg, String comment) {
        return withJpegSegment(jpeg, 0xFE, comment.getBytes(StandardCharsets.UTF_8));
    }

    /** The JPEG with its frame header (SOF0/SOF2) claiming {@code width × height}. */
    public static byte[] withForgedJpegSize(byte[] jpeg, int width, int height) {
        byte[] forged = jpeg.clone();
        for (int i = 2; i + 9 < forged.length; ) {
            int marker = forged[i + 1] & 0xFF;
            int length = (forged[i + 2] & 0xFF) << 8 | (forged[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                forged[i + 5] = (byte) (height >> 8);
                forged[i + 6] = (byte) height;
                forged[i + 7] = (byte) (width >> 8);
                forged[i + 8] = (byte) width;
                return forged;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOF segment");
    }

    // ---- EXIF ----------------------------------------------------------------------------

    /**
     * A TIFF-structured EXIF block (little-endian) whose IFD0 has the orientation, an image
     * description and a GPS-IFD pointer with a latitude reference — what a phone writes.
     */
    public static byte[] exif(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 3);
        b.putShort((short) 0x010E).putShort((short) 2).putInt(12).putInt(62); // ImageDescription, 12 ASCII at 62
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(74); // GPS IFD at 74
        b.putInt(0); // no next IFD
        b.position(62);
        b.put("SECRET-DESC\0".getBytes(StandardCharsets.ISO_8859_1));
        b.putShort((short) 1);
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        b.putInt(0);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** {@code image} (JPEG, PNG or WebP, by its magic number) with an EXIF block giving {@code orientation}. */
    public static byte[] withExif(byte[] image, int orientation) {
        return withExifBlock(image, exif(orientation));
    }

    /** {@code image} (JPEG, PNG or WebP, by its magic number) with {@code tiff} as its EXIF block, well-formed or not. */
    public static byte[] withExifBlock(byte[] image, byte[] tiff) {
        if ((image[0] & 0xFF) == 0xFF) {
            return withJpegSegment(image, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff));
        }
        if ((image[0] & 0xFF) == 0x89) {
            return withPngChunk(image, "eXIf", tiff);
        }
        return webpWithExif(image, tiff);
    }

    // ---- PNG -----------------------------------------------------------------------------

    /** {@code png} with a chunk inserted right after IHDR. */
    public static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        return concat(Arrays.copyOf(png, afterIhdr), chunk(type, data), Arrays.copyOfRange(png, afterIhdr, png.length));
    }

    /** {@code png} with an iCCP chunk holding {@code profile}. */
    public static byte[] withPngIccProfile(byte[] png, byte[] profile) {
        return withPngChunk(png, "iCCP", concat("icc\0\0".getBytes(StandardCharsets.ISO_8859_1), deflate(profile)));
    }

    /**
     * A PNG whose header declares {@code width × height} (8-bit RGB) and whose only IDAT is a few
     * bytes of a stream that would inflate to all of it: a "decompression bomb".
     */
    public static byte[] pngBomb(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] rows = new byte[64 * 1024]; // the start of the zero rows; the declared rest never comes
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                chunk("IHDR", ihdr.array()), chunk("IDAT", deflate(rows)), chunk("IEND", new byte[0]));
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        b.put(typeBytes).put(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    // ---- WebP ----------------------------------------------------------------------------

    /** A WebP of {@code image}: lossy at {@code quality} (0–1) or lossless. */
    public static byte[] webp(BufferedImage image, boolean lossless, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("webp").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(lossless ? "Lossless" : "Lossy");
        if (!lossless) {
            param.setCompressionQuality(quality);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    /** The WebP as an extended (VP8X) file with an EXIF chunk at its end, where writers put it. */
    static byte[] webpWithExif(byte[] webp, byte[] tiff) {
        String first = new String(webp, 12, 4, StandardCharsets.ISO_8859_1);
        byte[] chunks;
        if (first.equals("VP8X")) {
            chunks = Arrays.copyOfRange(webp, 12, webp.length);
            chunks[8] |= 0x08; // the EXIF flag
        } else {
            int[] size = webpSize(webp, first);
            ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
            vp8x.put("VP8X".getBytes(StandardCharsets.ISO_8859_1)).putInt(10);
            vp8x.put((byte) 0x08).put(new byte[3]);
            put24(vp8x, size[0] - 1);
            put24(vp8x, size[1] - 1);
            chunks = concat(vp8x.array(), Arrays.copyOfRange(webp, 12, webp.length));
        }
        ByteBuffer exif = ByteBuffer.allocate(8 + tiff.length + (tiff.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        exif.put("EXIF".getBytes(StandardCharsets.ISO_8859_1)).putInt(tiff.length).put(tiff);
        byte[] body = concat("WEBP".getBytes(StandardCharsets.ISO_8859_1), chunks, exif.array());
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(body.length);
        return concat(head.array(), body);
    }

    private static int[] webpSize(byte[] webp, String chunk) {
        ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        if (chunk.equals("VP8L")) {
            int bits = b.getInt(21);
            return new int[] {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
        }
        return new int[] {b.getShort(26) & 0x3FFF, b.getShort(28) & 0x3FFF}; // VP8 key frame
    }

    private static void put24(ByteBuffer b, int value) {
        b.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    // ---- GIF -----------------------------------------------------------------------------

    /**
     * An animated GIF of {@code frames.length} frames with the given delays (centiseconds),
     * looping {@code loop} times (0 = forever), each frame full size.
     */
    public static byte[] animatedGif(BufferedImage[] frames, int[] delays, int loop) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.length; i++) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frames[i]), param);
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", Integer.toString(delays[i]));
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                if (i == 0) {
                    IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
                    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                    app.setAttribute("applicationID", "NETSCAPE");
                    app.setAttribute("authenticationCode", "2.0");
                    app.setUserObject(new byte[] {1, (byte) loop, (byte) (loop >> 8)});
                    extensions.appendChild(app);
                    root.appendChild(extensions);
                }
                metadata.mergeTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new IIOImage(frames[i], null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A GIF of {@code count} one-pixel frames on a {@code width × height} canvas, written block
     * by block (a million frames take 20 MB, and no encoder is needed).
     */
    public static byte[] gifWithFrames(int width, int height, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + count * 20);
        out.writeBytes("GIF89a".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {(byte) width, (byte) (width >> 8), (byte) height, (byte) (height >> 8),
                (byte) 0x80, 0, 0}); // global colour table of 2 entries
        out.writeBytes(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        byte[] frame = {0x21, (byte) 0xF9, 4, 0, 1, 0, 0, 0, // graphic control: 1 cs
                0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, // 1x1 frame at 0,0
                2, 2, 0x44, 0x01, 0}; // LZW: clear, 0, end
        for (int i = 0; i < count; i++) {
            out.writeBytes(frame);
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    // ---- helpers -------------------------------------------------------------------------

    private static ImageWriter jdkJpegWriter() {
        var writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
        }
        throw new IllegalStateException("no JDK JPEG writer");
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
