package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ImageLimits;
import dev.sis.errors.OverBudgetException;
import dev.sis.testing.ImageFiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/** Animated GIFs: every frame, its delay and the loop count survive a resize; budgets apply before decoding. */
class AnimationTest {
    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA};
    private static final int[] DELAYS = {10, 20, 30, 40, 250};

    private static byte[] fiveFrames() {
        BufferedImage[] frames = new BufferedImage[COLOURS.length];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Images.flat(80, 40, BufferedImage.TYPE_INT_RGB, COLOURS[i]);
        }
        return ImageFiles.animatedGif(frames, DELAYS, 3);
    }

    @Test
    void resizingKeepsEveryFrameItsDelayAndTheLoopCount() throws IOException {
        EncodedImage variant = Images.variant(fiveFrames(), 40, 0, ImageFormat.GIF);

        List<Frame> frames = frames(variant.bytes());
        assertThat(frames).hasSize(5);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).image().getWidth()).isEqualTo(40);
            assertThat(frames.get(i).image().getHeight()).isEqualTo(20);
            assertThat(frames.get(i).delay()).as("delay of frame %d", i).isEqualTo(DELAYS[i]);
            int rgb = frames.get(i).image().getRGB(20, 10) & 0xFFFFFF;
            assertThat(rgb).as("colour of frame %d", i).isEqualTo(COLOURS[i].getRGB() & 0xFFFFFF);
        }
        assertThat(loopCount(variant.bytes())).isEqualTo(3);
        assertThat(ImageProbe.probe(new ByteArrayInputStream(variant.bytes()), true).frames()).isEqualTo(5);
    }

    @Test
    void aStillFormatGetsTheFirstFrame() {
        // WebP is no still format: an animated WebP (vips engine) or a 415 (java engine, V1AnimatedWebpTest)
        for (ImageFormat still : new ImageFormat[] {ImageFormat.PNG, ImageFormat.JPEG}) {
            BufferedImage image = Images.decoded(Images.variant(fiveFrames(), 40, 0, still));
            assertThat(image.getWidth()).isEqualTo(40);
            assertThat(Images.near(Images.meanColour(image), Images.rgb(255, 0, 0), 4)).as(still.name()).isTrue();
        }
    }

    /** A small frame drawn over the previous one ("do not dispose") must show both, as browsers do. */
    @Test
    void partialFramesAreDrawnOnTheCanvas() throws IOException {
        byte[] gif = ImageFiles.animatedGif(new BufferedImage[] {
                Images.flat(40, 40, BufferedImage.TYPE_INT_RGB, Color.RED),
                Images.flat(40, 40, BufferedImage.TYPE_INT_RGB, Color.BLUE)}, new int[] {5, 5}, 0);
        // Make the second frame 20×20 at (20, 20): patch its image descriptor.
        byte[] patched = shrinkSecondFrame(gif);

        List<Frame> frames = frames(Images.variant(patched, 40, 40, ImageFormat.GIF).bytes());

        assertThat(frames).hasSize(2);
        BufferedImage second = frames.get(1).image();
        assertThat(second.getRGB(5, 5) & 0xFFFFFF).as("the first frame shows through").isEqualTo(0xFF0000);
        assertThat(second.getRGB(30, 30) & 0xFFFFFF).as("the second frame is drawn").isEqualTo(0x0000FF);
    }

    @Test
    void tooManyFramesOrPixelsAreRefusedBeforeDecoding() {
        ImageEngine strict = Images.engine(ImageLimits.defaults().withAnimationLimits(100_000_000, 4));
        assertThatThrownBy(() -> strict.makeVariant(new ByteArrayInputStream(fiveFrames()),
                new VariantSpec(40, 0, Fit.CONTAIN, ImageFormat.GIF, 85)))
                .isInstanceOf(OverBudgetException.class).hasMessageContaining("more than 4 frames");

        ImageEngine small = Images.engine(ImageLimits.defaults().withAnimationLimits(5 * 80 * 40 - 1, 1000));
        assertThatThrownBy(() -> small.makeVariant(new ByteArrayInputStream(fiveFrames()),
                new VariantSpec(40, 0, Fit.CONTAIN, ImageFormat.GIF, 85)))
                .isInstanceOf(OverBudgetException.class).hasMessageContaining("5 frames");

        // The same file as a still image is within every budget.
        assertThat(small.makeVariant(new ByteArrayInputStream(fiveFrames()),
                new VariantSpec(40, 0, Fit.CONTAIN, ImageFormat.PNG, 85)).format()).isEqualTo(ImageFormat.PNG);
    }

    record Frame(BufferedImage image, int delay) {
    }

    static List<Frame> frames(byte[] gif) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                frames.add(new Frame(reader.read(i), Integer.parseInt(control.getAttribute("delayTime"))));
            }
            reader.dispose();
        }
        return frames;
    }

    static int loopCount(byte[] gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            byte[] data = (byte[]) app.getUserObject();
            reader.dispose();
            return (data[1] & 0xFF) | (data[2] & 0xFF) << 8;
        }
    }

    /** Re-encodes the second frame as a 20×20 blue square at (20, 20) with "do not dispose". */
    private static byte[] shrinkSecondFrame(byte[] twoFrames) throws IOException {
        BufferedImage[] frames = {Images.flat(40, 40, BufferedImage.TYPE_INT_RGB, Color.RED),
                Images.flat(20, 20, BufferedImage.TYPE_INT_RGB, Color.BLUE)};
        var writer = ImageIO.getImageWritersByFormatName("gif").next();
        var out = new java.io.ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            var streamMetadata = writer.getDefaultStreamMetadata(null);
            IIOMetadataNode streamRoot = new IIOMetadataNode("javax_imageio_gif_stream_1.0");
            IIOMetadataNode screen = new IIOMetadataNode("LogicalScreenDescriptor");
            screen.setAttribute("logicalScreenWidth", "40");
            screen.setAttribute("logicalScreenHeight", "40");
            screen.setAttribute("colorResolution", "8");
            screen.setAttribute("pixelAspectRatio", "0");
            streamRoot.appendChild(screen);
            streamMetadata.mergeTree("javax_imageio_gif_stream_1.0", streamRoot);
            writer.prepareWriteSequence(streamMetadata);
            for (int i = 0; i < 2; i++) {
                var param = writer.getDefaultWriteParam();
                var metadata = writer.getDefaultImageMetadata(
                        javax.imageio.ImageTypeSpecifier.createFromRenderedImage(frames[i]), param);
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_gif_image_1.0");
                IIOMetadataNode descriptor = new IIOMetadataNode("ImageDescriptor");
                descriptor.setAttribute("imageLeftPosition", i == 0 ? "0" : "20");
                descriptor.setAttribute("imageTopPosition", i == 0 ? "0" : "20");
                descriptor.setAttribute("imageWidth", i == 0 ? "40" : "20");
                descriptor.setAttribute("imageHeight", i == 0 ? "40" : "20");
                descriptor.setAttribute("interlaceFlag", "FALSE");
                root.appendChild(descriptor);
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "doNotDispose");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "5");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                metadata.mergeTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new javax.imageio.IIOImage(frames[i], null, metadata), param);
            }
            writer.endWriteSequence();
        }
        writer.dispose();
        return out.toByteArray();
    }
}
