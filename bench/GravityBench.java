// The cost of gravity=smart over a centre crop, and of the analysis made after each upload,
// timed inside one JVM with nothing but the engine, alternating the cases (A B A B …) so that
// the machine's load falls on all of them alike:
//   centre: a 300x300 cover JPEG of the photo, cropped from the centre
//   smart:  the same, cropped where the engine's measure says (Saliency on java, attention on vips)
//   small:  the 64-pixel PNG copy the analysis works from, plus the analysis of it (its focal
//           point by the engine's measure: attention on vips), and the same with sis's own measure
// Prints per photo and engine the median of ROUNDS runs in ms, smart/centre, small/centre, and
// what the engine's measure costs over sis's (analysis / analysis by sis's measure).
// Usage: bench/gravity.sh [ROUNDS] (or java -cp CLASSPATH bench/GravityBench.java ROUNDS ENGINE PHOTO...)

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
import dev.sis.image.EncodedImage;
import dev.sis.image.Gravity;
import dev.sis.image.ImageAnalysis;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageEngines;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

public class GravityBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        ImageEngine engine = ImageEngines.create(EngineChoice.valueOf(args[1].toUpperCase()), ImageLimits.defaults());
        VariantSpec centre = new VariantSpec(300, 300, Fit.COVER, ImageFormat.JPEG, 85).withGravity(Gravity.CENTER);
        VariantSpec smart = centre.withGravity(Gravity.of(Gravity.Kind.SMART));
        VariantSpec small = new VariantSpec(ImageAnalysis.SIDE, ImageAnalysis.SIDE, Fit.INSIDE, ImageFormat.PNG, 100);
        for (int a = 2; a < args.length; a++) {
            byte[] photo = Files.readAllBytes(Path.of(args[a]));
            double[][] ms = new double[4][rounds];
            for (int i = -2; i < rounds; i++) {
                double c = time(() -> engine.makeVariant(new ByteArrayInputStream(photo), centre));
                double s = time(() -> engine.makeVariant(new ByteArrayInputStream(photo), smart));
                double n = time(() -> analyse(engine, engine.makeVariant(new ByteArrayInputStream(photo), small), true));
                double own = time(() -> analyse(engine, engine.makeVariant(new ByteArrayInputStream(photo), small), false));
                if (i >= 0) {
                    ms[3][i] = own;
                    ms[0][i] = c;
                    ms[1][i] = s;
                    ms[2][i] = n;
                }
            }
            double mc = median(ms[0]);
            double msm = median(ms[1]);
            double mn = median(ms[2]);
            double mo = median(ms[3]);
            System.out.printf("%-40s %-5s centre %7.1f ms  smart %7.1f ms  analysis %7.1f ms  smart/centre %.2f  analysis/centre %.2f"
                    + "  analysis/analysis-by-sis's-measure %.2f%n",
                    Path.of(args[a]).getFileName(), args[1], mc, msm, mn, msm / mc, mn / mc, mn / mo);
        }
    }

    /** The analysis as the server makes it ({@code byEngine}: the focal point by the engine's measure, if it has one). */
    private static Object analyse(ImageEngine engine, EncodedImage png, boolean byEngine) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
            int w = image.getWidth();
            int h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            ImageAnalysis analysis = ImageAnalysis.of(argb, w, h);
            return byEngine ? engine.attention(argb, w, h).map(analysis::withFocal).orElse(analysis) : analysis;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double time(java.util.function.Supplier<Object> work) {
        long start = System.nanoTime();
        if (work.get() == null) {
            throw new AssertionError("nothing made");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
