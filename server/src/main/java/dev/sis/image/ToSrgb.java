package dev.sis.image;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Brings a decoded image into sis's working layout: sRGB, packed into ints,
 * {@code TYPE_INT_RGB} when opaque and {@code TYPE_INT_ARGB_PRE} (premultiplied, so that
 * resampling does not bleed the colour of transparent pixels) when it has transparency.
 *
 * <ul>
 * <li>Images in another colour space — an embedded ICC profile (Adobe RGB, Display P3, a CMYK
 *     print profile) — are converted with the profile (ColorConvertOp, LittleCMS).</li>
 * <li>Grey images are copied as grey levels: their samples are display values, whereas Java
 *     takes its grey colour space as linear and would brighten them.</li>
 * <li>Everything else (palettes, 8- and 16-bit sRGB) is drawn by Java2D.</li>
 * </ul>
 */
final class ToSrgb {
    private ToSrgb() {
    }

    /**
     * Like {@link #convert(BufferedImage)}, for an image whose pixels are in {@code profile}'s
     * colour space although the reader did not say so (a PNG's iCCP). Only RGB profiles over
     * RGB pixels are applied; palettes and grey are taken as sRGB.
     */
    static BufferedImage convert(BufferedImage image, ICC_Profile profile) {
        if (profile != null && profile.getColorSpaceType() == ColorSpace.TYPE_RGB
                && image.getColorModel() instanceof ComponentColorModel model
                && model.getNumColorComponents() == 3 && !isSrgb(profile)) {
            image = retagged(image, model, new ICC_ColorSpace(profile));
        }
        return convert(image);
    }

    /** The same samples, read as being in {@code space}. */
    private static BufferedImage retagged(BufferedImage image, ComponentColorModel model, ColorSpace space) {
        ColorModel tagged = new ComponentColorModel(space, model.hasAlpha(), model.isAlphaPremultiplied(),
                model.getTransparency(), model.getTransferType());
        return new BufferedImage(tagged, image.getRaster(), tagged.isAlphaPremultiplied(), null);
    }

    /** Whether {@code profile} is one of the sRGB profiles ({@link SrgbProfile}), whatever its name. */
    static boolean isSrgb(ICC_Profile profile) {
        return SrgbProfile.matches(profile.getData());
    }

    static BufferedImage convert(BufferedImage image) {
        ColorModel model = image.getColorModel();
        ColorSpace space = model.getColorSpace();
        boolean alpha = model.hasAlpha();
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB_PRE) {
            return image;
        }
        int target = alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), target);
        if (!(model instanceof IndexColorModel) && space.getType() == ColorSpace.TYPE_GRAY) {
            copyGrey(image, converted);
        } else if (model instanceof IndexColorModel || space.isCS_sRGB()) {
            draw(image, converted);
        } else if (space instanceof ICC_ColorSpace icc && model instanceof ComponentColorModel component
                && isSrgb(icc.getProfile())) {
            // A JPEG tagged with an sRGB profile: its samples are sRGB already; no conversion pass.
            draw(retagged(image, component, ColorSpace.getInstance(ColorSpace.CS_sRGB)), converted);
        } else {
            new ColorConvertOp(null).filter(image, converted);
        }
        return converted;
    }

    private static void draw(BufferedImage image, BufferedImage target) {
        Graphics2D g = target.createGraphics();
        try {
            g.setComposite(java.awt.AlphaComposite.Src);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
    }

    /** Grey (8 or 16 bits, with or without alpha), sample values taken as display grey levels. */
    private static void copyGrey(BufferedImage image, BufferedImage target) {
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        int w = image.getWidth();
        int h = image.getHeight();
        boolean alpha = model.hasAlpha();
        float greyMax = (1 << model.getComponentSize(0)) - 1;
        float alphaMax = alpha ? (1 << model.getComponentSize(1)) - 1 : 1;
        int[] out = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
        int[] grey = new int[w];
        int[] alphas = alpha ? new int[w] : null;
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                raster.getSamples(0, y, w, 1, 1, alphas);
            }
            for (int x = 0; x < w; x++) {
                int a = alpha ? Math.round(alphas[x] * 255 / alphaMax) : 255;
                int v = Math.round(grey[x] * 255 / greyMax * a / 255f);
                out[y * w + x] = a << 24 | v << 16 | v << 8 | v;
            }
        }
    }
}
