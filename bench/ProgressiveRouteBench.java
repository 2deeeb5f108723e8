// Which engine makes a variant of a progressive JPEG faster, by reduction (issue 18: the auto
// engine's ScaledDecodeRoute): libvips (vips engine, libjpeg decodes every scan) against the
// pure-Java engine (its scaled decoder skips the AC scans a 1/4 or 1/8 decode never reads).
// Timed inside one JVM, the engines alternating A B A B so the machine's load hits both.
//   java -cp server/target/sis-*.jar bench/ProgressiveRouteBench.java ROUNDS PHOTO WIDTH...
// Prints per width: the median ms of each engine and java/vips (below 1: java is faster).

import dev.sis.config.ImageLimits;
import dev.sis.image.ImageEngine;
import dev.sis.client.Fit;
import dev.sis.image.ImageFormat;
import dev.sis.image.JavaImageEngine;
import dev.sis.image.VariantSpec;
import dev.sis.image.VipsImageEngine;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

public class ProgressiveRouteBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        byte[] photo = Files.readAllBytes(Path.of(args[1]));
        StringBuilder why = new StringBuilder();
        ImageEngine vips = VipsImageEngine.load(ImageLimits.defaults(), why)
                .orElseThrow(() -> new IllegalStateException("libvips: " + why));
        ImageEngine java = new JavaImageEngine(ImageLimits.defaults());
        for (int a = 2; a < args.length; a++) {
            VariantSpec spec = new VariantSpec(Integer.parseInt(args[a]), 0, Fit.CONTAIN, ImageFormat.JPEG, 85);
            double[] v = new double[rounds];
            double[] j = new double[rounds];
            for (int i = -2; i < rounds; i++) { // two rounds of warm-up
                double tv = time(vips, photo, spec);
                double tj = time(java, photo, spec);
                if (i >= 0) {
                    v[i] = tv;
                    j[i] = tj;
                }
            }
            double mv = median(v);
            double mj = median(j);
            System.out.printf("w=%s: vips %.1f ms, java %.1f ms, java/vips %.2f%n", args[a], mv, mj, mj / mv);
        }
    }

    private static double time(ImageEngine engine, byte[] photo, VariantSpec spec) {
        long start = System.nanoTime();
        engine.makeVariant(new ByteArrayInputStream(photo), spec);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
