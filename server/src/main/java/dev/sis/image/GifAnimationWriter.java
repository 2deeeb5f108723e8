package dev.sis.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The encode step of an animated GIF: frames are added one at a time as they come out of the
 * other steps, so only one frame is held at once. Every frame is a whole canvas, each with its
 * own palette and its delay; the canvas is cleared between frames ("restore to background"),
 * which is what full frames with transparency need. The loop count is kept; nothing else of the
 * source's metadata is written. Not thread-safe; {@link #finish()} or {@link #close()} it.
 */
final class GifAnimationWriter implements AutoCloseable {
    private final ImageWriter writer = Encoder.writerFor(ImageFormat.GIF);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ImageOutputStream stream;
    private final int loopCount;
    private boolean first = true;
    private boolean closed;

    /** @param loopCount the NETSCAPE2.0 loop count (0 = forever), or -1 to write none (play once) */
    GifAnimationWriter(int loopCount) {
        this.loopCount = loopCount;
        try {
            stream = ImageIO.createImageOutputStream(out);
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
        } catch (IOException e) {
            writer.dispose();
            throw new UncheckedIOException("encoding gif failed", e);
        }
    }

    /** Appends a frame in the working layout, shown for {@code delayCentiseconds}. */
    void add(BufferedImage frame, int delayCentiseconds) {
        BufferedImage pixels = Encoder.forWriter(frame);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(pixels), param);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = new IIOMetadataNode(format);
        IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
        control.setAttribute("disposalMethod", "restoreToBackgroundColor");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        root.appendChild(control);
        if (first && loopCount >= 0) {
            IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, (byte) (loopCount & 0xFF), (byte) ((loopCount >> 8) & 0xFF)});
            extensions.appendChild(loop);
            root.appendChild(extensions);
        }
        try {
            metadata.mergeTree(format, root);
            writer.writeToSequence(new IIOImage(pixels, null, metadata), param);
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("gif frame metadata rejected", e);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding gif failed", e);
        }
        first = false;
    }

    /** Ends the file and returns its bytes. */
    byte[] finish() {
        try {
            writer.endWriteSequence();
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding gif failed", e);
        } finally {
            close();
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.dispose();
        try {
            stream.close();
        } catch (IOException ignored) {
            // In memory: nothing to release.
        }
    }
}
