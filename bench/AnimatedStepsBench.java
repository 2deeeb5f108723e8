// What the /v1 steps cost on an animation made into an animated WebP by the vips engine (issue 17):
// each frame is cut from libvips' strip, stepped alone and joined again, where a plain resize
// leaves the frames to the loader. One animated GIF, and the animated WebP made from it, each case
// made ROUNDS times in turn (plain, cover, smart, ..., plain, cover, ...) inside one JVM, so that
// the shared machine's load falls on every case alike. Prints per source and case the median in
// ms and its ratio to the plain resize of the same source.
// Usage: java -cp CLASSPATH bench/AnimatedStepsBench.java ROUNDS ANIMATED.gif
//   (CLASSPATH: server/target/classes, client/target/classes and the server's dependencies; an
//   animation to try: convert -size 640x480 -delay 10 plasma: plasma: plasma: plasma: plasma:
//   plasma: plasma: plasma: -loop 0 /tmp/anim.gif)

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.image.Gravity;
import dev.sis.image.ImageEngine;
import dev.sis.image.ImageFormat;
import dev.sis.image.Transform;
import dev.sis.image.VariantSpec;
import dev.sis.image.VipsImageEngine;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

public class AnimatedStepsBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        byte[] gif = Files.readAllBytes(Path.of(args[1]));
        ImageEngine vips = VipsImageEngine.load(ImageLimits.defaults(), new StringBuilder())
                .orElseThrow(() -> new IllegalStateException("no libvips"));
        Map<String, VariantSpec> cases = new LinkedHashMap<>();
        VariantSpec plain = new VariantSpec(320, 0, Fit.CONTAIN, ImageFormat.WEBP, 80);
        VariantSpec cover = new VariantSpec(240, 240, Fit.COVER, ImageFormat.WEBP, 80);
        cases.put("plain w=320", plain);
        cases.put("cover 240x240", cover);
        cases.put("cover smart", cover.withGravity(Gravity.of(Gravity.Kind.SMART)));
        cases.put("crop=centre half", plain.withTransform(Transform.NONE.withCrop(new Transform.Crop(160, 120, 320, 240))));
        cases.put("rotate=90", plain.withTransform(Transform.NONE.withRotate(90)));
        cases.put("fit=pad 320x320", new VariantSpec(320, 320, Fit.PAD, ImageFormat.WEBP, 80));
        cases.put("blur=2", plain.withTransform(Transform.NONE.withBlurTenths(20)));
        Map<String, byte[]> sources = new LinkedHashMap<>();
        sources.put("gif", gif);
        sources.put("webp", vips.makeVariant(new ByteArrayInputStream(gif),
                new VariantSpec(0, 0, Fit.CONTAIN, ImageFormat.WEBP, 90)).bytes());
        for (var source : sources.entrySet()) {
            Map<String, double[]> ms = new LinkedHashMap<>();
            cases.keySet().forEach(c -> ms.put(c, new double[rounds]));
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (var c : cases.entrySet()) {
                    long start = System.nanoTime();
                    vips.makeVariant(new ByteArrayInputStream(source.getValue()), c.getValue());
                    if (r >= 0) {
                        ms.get(c.getKey())[r] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
            double base = median(ms.get("plain w=320"));
            for (var c : ms.entrySet()) {
                System.out.printf("%-5s %-18s %8.1f ms  x%.2f%n", source.getKey(), c.getKey(), median(c.getValue()),
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
