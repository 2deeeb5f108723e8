// What the geometry and effects (issue 17) cost next to a plain resize, on both engines: one photo,
// each case made ROUNDS times in turn (plain, rotate, crop, ..., plain, rotate, ...) inside one
// JVM, so that the shared machine's load falls on every case alike. Prints per engine and case
// the median in ms and its ratio to the plain resize of the same engine.
// Usage: java -cp CLASSPATH bench/TransformCostBench.java ROUNDS PHOTO
//   (CLASSPATH: server/target/classes, client/target/classes and the server's dependencies)

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageFormat;
import dev.sis.image.JavaImageEngine;
import dev.sis.image.Transform;
import dev.sis.image.VariantSpec;
import dev.sis.image.VipsImageEngine;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

public class TransformCostBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        byte[] photo = Files.readAllBytes(Path.of(args[1]));
        Map<String, VariantSpec> cases = new LinkedHashMap<>();
        VariantSpec plain = new VariantSpec(800, 0, Fit.CONTAIN, ImageFormat.JPEG, 85);
        cases.put("plain w=800", plain);
        cases.put("rotate=90", plain.withTransform(Transform.NONE.withRotate(90)));
        cases.put("flip=hv", plain.withTransform(Transform.NONE.withFlip(Transform.Flip.HV)));
        cases.put("crop=centre half", plain.withTransform(Transform.NONE.withCrop(new Transform.Crop(500, 400, 1000, 800))));
        cases.put("fit=pad 800x800", new VariantSpec(800, 800, Fit.PAD, ImageFormat.JPEG, 85));
        cases.put("blur=2", plain.withTransform(Transform.NONE.withBlurTenths(20)));
        cases.put("blur=20", plain.withTransform(Transform.NONE.withBlurTenths(200)));
        cases.put("sharpen=1", plain.withTransform(Transform.NONE.withSharpenTenths(10)));
        Map<String, ImageEngine> engines = new LinkedHashMap<>();
        if (!"vips".equals(System.getProperty("only"))) {
            engines.put("java", new JavaImageEngine(ImageLimits.defaults()));
        }
        VipsImageEngine.load(ImageLimits.defaults(), new StringBuilder()).ifPresent(v -> engines.put("vips", v));
        for (var engine : engines.entrySet()) {
            Map<String, double[]> ms = new LinkedHashMap<>();
            cases.keySet().forEach(c -> ms.put(c, new double[rounds]));
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (var c : cases.entrySet()) {
                    long start = System.nanoTime();
                    engine.getValue().makeVariant(new ByteArrayInputStream(photo), c.getValue());
                    if (r >= 0) {
                        ms.get(c.getKey())[r] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
            double base = median(ms.get("plain w=800"));
            for (var c : ms.entrySet()) {
                System.out.printf("%-5s %-18s %8.1f ms  x%.2f%n", engine.getKey(), c.getKey(), median(c.getValue()),
                        median(c.getValue()) / base);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
