// The Java engine's cold resize of a large JPEG to a 300x200 thumbnail (issue 18: shrink on
// load), timed inside one JVM with nothing but the engine: makeVariant from the file's bytes to
// the encoded JPEG. Run it with two builds, alternating, to compare them side by side:
//   bench/shrink-on-load.sh BEFORE.jar AFTER.jar
// Prints per photo: the median and best of ROUNDS runs in ms (after WARMUP runs), and, with
// a reference PNG given, the PSNR of the variant (as PNG) against it.
// Usage: java -cp sis.jar bench/ShrinkOnLoadBench.java ROUNDS WARMUP PHOTO[=REFERENCE.png]...

import dev.sis.config.ImageLimits;
import dev.sis.image.EncodedImage;
import dev.sis.client.Fit;
import dev.sis.image.ImageFormat;
import dev.sis.image.JavaImageEngine;
import dev.sis.image.VariantSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

public class ShrinkOnLoadBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        JavaImageEngine engine = new JavaImageEngine(ImageLimits.defaults());
        for (int a = 2; a < args.length; a++) {
            String[] photoAndReference = args[a].split("=", 2);
            byte[] photo = Files.readAllBytes(Path.of(photoAndReference[0]));
            VariantSpec jpeg = new VariantSpec(300, 200, Fit.CONTAIN, ImageFormat.JPEG, 85);
            double[] ms = new double[rounds];
            for (int i = -warmup; i < rounds; i++) {
                long start = System.nanoTime();
                EncodedImage made = engine.makeVariant(new ByteArrayInputStream(photo), jpeg);
                long took = System.nanoTime() - start;
                if (made.bytes().length == 0) {
                    throw new AssertionError("empty variant");
                }
                if (i >= 0) {
                    ms[i] = took / 1e6;
                }
            }
            Arrays.sort(ms);
            String psnr = "";
            if (photoAndReference.length == 2) {
                VariantSpec png = new VariantSpec(300, 200, Fit.CONTAIN, ImageFormat.PNG, 85);
                BufferedImage ours = ImageIO.read(new ByteArrayInputStream(engine.makeVariant(new ByteArrayInputStream(photo), png).bytes()));
                psnr = String.format(" psnr_vs_lanczos_db=%.2f", psnr(ours, ImageIO.read(new File(photoAndReference[1]))));
            }
            System.out.printf("%s median_ms=%.1f best_ms=%.1f%s%n", Path.of(photoAndReference[0]).getFileName(),
                    ms[rounds / 2], ms[0], psnr);
        }
    }

    /** As the tests' TestImages.psnr: this program runs against the jar, which has no test classes. */
    static double psnr(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
                    + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (p >> shift & 255) - (q >> shift & 255);
                    sum += d * d;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255 * 3 * a.getWidth() * a.getHeight() / sum);
    }
}
