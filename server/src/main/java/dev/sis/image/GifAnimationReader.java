package dev.sis.image;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * The decode step of an animated GIF: reads frame after frame and draws each on the canvas (the
 * logical screen) at its position, honouring the previous frame's disposal, the way browsers
 * play it. Each call returns the whole canvas as a new image in the working layout, so later
 * steps see full frames. Holds the canvas (and, for "restore to previous", one saved copy) and
 * nothing else between frames. Not thread-safe.
 */
final class GifAnimationReader {
    private final ImageReader reader;
    private final BufferedImage canvas;
    private int next;
    private String disposal = "none";
    private int[] previousArea; // x, y, w, h of the last frame
    private BufferedImage saved;

    /** A frame: the whole canvas after it was drawn, and how long it shows. */
    record Frame(BufferedImage image, int delayCentiseconds) {
    }

    GifAnimationReader(ImageReader reader, int width, int height, AbortOnDeadline abort) {
        this.reader = reader;
        this.canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
        reader.addIIOReadProgressListener(abort);
    }

    /** The loop count of the NETSCAPE2.0 extension (0 = forever), or -1 when there is none (play once). */
    int loopCount() throws IOException {
        IIOMetadataNode root = tree(reader.getImageMetadata(0));
        Node extensions = child(root, "ApplicationExtensions");
        for (Node n = extensions == null ? null : extensions.getFirstChild(); n != null; n = n.getNextSibling()) {
            IIOMetadataNode app = (IIOMetadataNode) n;
            if ("NETSCAPE".equals(app.getAttribute("applicationID"))
                    && app.getUserObject() instanceof byte[] data && data.length >= 3 && data[0] == 1) {
                return (data[1] & 0xFF) | (data[2] & 0xFF) << 8;
            }
        }
        return -1;
    }

    /** Reads and composes the next frame. */
    Frame next() throws IOException {
        int index = next++;
        BufferedImage raw = reader.read(index);
        if (raw == null) {
            throw new IOException("frame " + index + " could not be read");
        }
        IIOMetadataNode root = tree(reader.getImageMetadata(index));
        IIOMetadataNode descriptor = (IIOMetadataNode) child(root, "ImageDescriptor");
        IIOMetadataNode control = (IIOMetadataNode) child(root, "GraphicControlExtension");
        int x = intAttribute(descriptor, "imageLeftPosition");
        int y = intAttribute(descriptor, "imageTopPosition");

        Graphics2D g = canvas.createGraphics();
        try {
            dispose(g);
            String method = control == null ? "none" : control.getAttribute("disposalMethod");
            if ("restoreToPrevious".equals(method)) {
                saved = copy(canvas);
            }
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(raw, x, y, null);
            disposal = method;
            previousArea = new int[] {x, y, raw.getWidth(), raw.getHeight()};
        } finally {
            g.dispose();
        }
        int delay = control == null ? 0 : intAttribute(control, "delayTime");
        return new Frame(copy(canvas), delay);
    }

    private void dispose(Graphics2D g) {
        if (previousArea == null) {
            return;
        }
        if ("restoreToBackgroundColor".equals(disposal)) {
            g.setComposite(AlphaComposite.Clear);
            g.fillRect(previousArea[0], previousArea[1], previousArea[2], previousArea[3]);
        } else if ("restoreToPrevious".equals(disposal) && saved != null) {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(saved, 0, 0, null);
            saved = null;
        }
    }

    private static BufferedImage copy(BufferedImage image) {
        return Pixels.image(Pixels.of(image).clone(), image.getWidth(), image.getHeight(), image.getType());
    }

    private static IIOMetadataNode tree(IIOMetadata metadata) {
        return (IIOMetadataNode) metadata.getAsTree(metadata.getNativeMetadataFormatName());
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return n;
            }
        }
        return null;
    }

    private static int intAttribute(IIOMetadataNode node, String name) {
        if (node == null) {
            return 0;
        }
        try {
            return Integer.parseInt(node.getAttribute(name));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
