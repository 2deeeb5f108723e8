package dev.sis.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;

/** Access to the packed pixels of the working layouts (INT_RGB, INT_ARGB_PRE). */
final class Pixels {
    private Pixels() {
    }

    /**
     * The pixels of {@code image}, row after row, {@code width} ints a row: its own array when it
     * is laid out that way (do not modify it), else a copy (a sub-image, say).
     */
    static int[] of(BufferedImage image) {
        if (image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && image.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == image.getWidth()
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && buffer.getData().length == image.getWidth() * image.getHeight()) {
            return buffer.getData();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] copy = new int[w * h];
        image.getRaster().getDataElements(0, 0, w, h, copy);
        return copy;
    }

    /** An image of the working layout {@code type} (INT_RGB or INT_ARGB_PRE) over {@code pixels}, not copied. */
    static BufferedImage image(int[] pixels, int width, int height, int type) {
        DirectColorModel model = (DirectColorModel) (type == BufferedImage.TYPE_INT_RGB ? RGB : ARGB_PRE);
        WritableRaster raster = Raster.createPackedRaster(new DataBufferInt(pixels, pixels.length), width, height,
                width, model.getMasks(), null);
        return new BufferedImage(model, raster, model.isAlphaPremultiplied(), null);
    }

    private static final ColorModel RGB = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).getColorModel();
    private static final ColorModel ARGB_PRE = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE).getColorModel();
}
