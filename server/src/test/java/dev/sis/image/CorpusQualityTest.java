package dev.sis.image;

import dev.sis.client.Fit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Corpus;
import dev.sis.testing.Prerequisite;
import dev.sis.testing.Requires;
import dev.sis.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real photos against ImageMagick: the resampler against {@code convert -resize} (Lanczos) by
 * PSNR, and orientation and CMYK (with and without an ICC profile) against ImageMagick's own
 * conversions. Needs the corpus ({@link Corpus}) and ImageMagick.
 */
@Requires({Prerequisite.PHOTO_CORPUS, Prerequisite.IMAGEMAGICK})
class CorpusQualityTest {
    @TempDir
    Path work;

    /** The bar: at least 30 dB at 1/10 of an 18 MP photo (subsampled decode included). */
    @Test
    void aTenthOfAnEighteenMegapixelPhotoMatchesImageMagick() throws IOException {
        double psnr = psnrAgainstImageMagick("photo-18mp-baseline-q90.jpg", 564, 317);
        System.out.printf("PSNR against ImageMagick -resize at 1/10 of 18 MP (5640x3172 -> 564x317): %.2f dB%n", psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(30);
    }

    /** A thumbnail that the full decode gives 4.8 source pixels per target pixel: box, then Lanczos. */
    @Test
    void aThumbnailOfATwoAndAHalfMegapixelPhotoMatchesImageMagick() throws IOException {
        double psnr = psnrAgainstImageMagick("storm-2.5mp-baseline-q98.jpg", 400, 267);
        System.out.printf("PSNR against ImageMagick -resize, 1920x1280 -> 400x267: %.2f dB%n", psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aProgressiveEightMegapixelPhotoAtOneSixthMatchesImageMagick() throws IOException {
        double psnr = psnrAgainstImageMagick("elephants-8mp-progressive-q100.jpg", 640, 360);
        System.out.printf("PSNR against ImageMagick -resize, 3840x2160 -> 640x360: %.2f dB%n", psnr);
        assertThat(psnr).isGreaterThanOrEqualTo(30);
    }

    /**
     * Issue 18's bar for shrink on load: 300 px thumbnails of the 8 MP and 18 MP progressive
     * photos (decoded at 1/8 in the DCT domain) within 35 dB of ImageMagick's Lanczos.
     */
    @Test
    void thumbnailsShrunkOnLoadMatchImageMagicksLanczos() throws IOException {
        for (String photo : new String[] {"elephants-8mp-progressive-q100.jpg", "elephants-18mp-progressive-q100.jpg"}) {
            double psnr = psnrAgainstImageMagick(photo, 300, 169);
            System.out.printf("PSNR against ImageMagick -resize of %s at 300x169 (shrunk on load): %.2f dB%n", photo, psnr);
            assertThat(psnr).as(photo).isGreaterThanOrEqualTo(35);
        }
    }

    @Test
    void anExifRotatedPhotoMatchesImageMagicksAutoOrient() throws IOException {
        Path source = Corpus.file("exif-orientation-6.jpg");
        Path reference = work.resolve("ref.png");
        Corpus.convert(source.toString(), "-auto-orient", "-resize", "400x600!", reference.toString());

        BufferedImage ours = variant(source, new VariantSpec(400, 0, Fit.CONTAIN, ImageFormat.PNG, 85));

        assertThat(ours.getWidth()).isEqualTo(400);
        assertThat(ours.getHeight()).isEqualTo(600);
        assertThat(psnr(ours, ImageIO.read(reference.toFile()))).isGreaterThanOrEqualTo(30);
    }

    /** A CMYK JPEG without a profile, as the corpus makes it: ImageMagick's plain conversion is the reference. */
    @Test
    void aCmykPhotoMatchesImageMagicksConversion() throws IOException {
        Path source = Corpus.file("cmyk.jpg");
        Path reference = work.resolve("ref.png");
        Corpus.convert(source.toString(), "-colorspace", "sRGB", "-resize", "500x375!", reference.toString());

        BufferedImage ours = variant(source, new VariantSpec(500, 375, Fit.STRETCH, ImageFormat.PNG, 85));

        assertMeanColourNear(ours, ImageIO.read(reference.toFile()), 4);
        assertThat(psnr(ours, ImageIO.read(reference.toFile()))).isGreaterThanOrEqualTo(30);
    }

    /**
     * A print shop's file: CMYK with an embedded print profile (SWOP, in several APP2 segments).
     * The reference is ImageMagick's LittleCMS conversion with that profile to sRGB.
     */
    @Test
    @Requires(Prerequisite.ICC_PROFILES)
    void aCmykPhotoWithAnIccProfileMatchesAProfileConversion() throws IOException {
        Path profiles = Corpus.iccProfiles();
        Path cmyk = work.resolve("cmyk-icc.jpg");
        Corpus.convert(Corpus.file("wood-5mp-baseline-q87.jpg").toString(), "-resize", "800x600!",
                "-profile", profiles.resolve("srgb.icc").toString(),
                "-profile", profiles.resolve("default_cmyk.icc").toString(), cmyk.toString());
        Path reference = work.resolve("ref.png");
        Corpus.convert(cmyk.toString(), "-profile", profiles.resolve("srgb.icc").toString(), reference.toString());

        BufferedImage ours = variant(cmyk, new VariantSpec(0, 0, Fit.CONTAIN, ImageFormat.PNG, 85));

        assertMeanColourNear(ours, ImageIO.read(reference.toFile()), 6);
        assertThat(psnr(ours, ImageIO.read(reference.toFile()))).isGreaterThanOrEqualTo(28);
    }

    private double psnrAgainstImageMagick(String photo, int width, int height) throws IOException {
        Path source = Corpus.file(photo);
        Path reference = work.resolve("ref.png");
        Corpus.convert(source.toString(), "-resize", width + "x" + height + "!", reference.toString());
        BufferedImage ours = variant(source, new VariantSpec(width, height, Fit.STRETCH, ImageFormat.PNG, 85));
        assertThat(ours.getWidth()).isEqualTo(width);
        assertThat(ours.getHeight()).isEqualTo(height);
        return psnr(ours, ImageIO.read(reference.toFile()));
    }

    private static BufferedImage variant(Path source, VariantSpec spec) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return TestImages.decode(Images.ENGINE.makeVariant(in, spec).bytes());
        }
    }

    /** Peak signal-to-noise ratio over R, G and B, in dB. */
    static double psnr(BufferedImage a, BufferedImage b) {
        return TestImages.psnr(a, b);
    }

    private static void assertMeanColourNear(BufferedImage ours, BufferedImage reference, double tolerance) {
        double[] a = Images.meanColour(ours);
        double[] b = Images.meanColour(reference);
        assertThat(Images.near(a, b, tolerance)).as("mean colour %s, reference %s",
                java.util.Arrays.toString(a), java.util.Arrays.toString(b)).isTrue();
    }
}
