// What libvips' attention adds to the analysis made after each upload on the vips engine: on the
// 64-pixel copy the analysis works from, the analysis by sis's own measure (focal point, BlurHash,
// dominant colour: ImageAnalysis.of) against the same plus the engine's attention for the focal
// point, alternated (A B A B …) so that the shared machine's load falls on both alike.
// Prints per photo the medians in microseconds and their ratio.
// Usage: java -cp CLASSPATH bench/AttentionCostBench.java ROUNDS PHOTO... (CLASSPATH as bench/gravity.sh builds it)

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig.EngineChoice;
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

public class AttentionCostBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        ImageEngine engine = ImageEngines.create(EngineChoice.VIPS, ImageLimits.defaults());
        VariantSpec small = new VariantSpec(ImageAnalysis.SIDE, ImageAnalysis.SIDE, Fit.INSIDE, ImageFormat.PNG, 100);
        for (int a = 1; a < args.length; a++) {
            byte[] photo = Files.readAllBytes(Path.of(args[a]));
            BufferedImage copy = ImageIO.read(new ByteArrayInputStream(
                    engine.makeVariant(new ByteArrayInputStream(photo), small).bytes()));
            int w = copy.getWidth();
            int h = copy.getHeight();
            int[] argb = copy.getRGB(0, 0, w, h, null, 0, w);
            double[] own = new double[rounds];
            double[] withAttention = new double[rounds];
            for (int i = -rounds / 5; i < rounds; i++) { // the first fifth warms up
                long t0 = System.nanoTime();
                ImageAnalysis.of(argb, w, h);
                long t1 = System.nanoTime();
                ImageAnalysis analysis = ImageAnalysis.of(argb, w, h);
                engine.attention(argb, w, h).map(analysis::withFocal).orElseThrow();
                long t2 = System.nanoTime();
                if (i >= 0) {
                    own[i] = (t1 - t0) / 1e3;
                    withAttention[i] = (t2 - t1) / 1e3;
                }
            }
            double mo = median(own);
            double ma = median(withAttention);
            System.out.printf("%-40s %dx%d  sis's measure %7.0f us  with attention %7.0f us  ratio %.2f%n",
                    Path.of(args[a]).getFileName(), w, h, mo, ma, ma / mo);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
