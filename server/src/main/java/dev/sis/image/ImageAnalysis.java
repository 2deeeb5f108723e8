package dev.sis.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * What sis works out about an image once, after its upload, and keeps beside it: a focal point,
 * a BlurHash placeholder and the dominant colour. Computed from a small copy of the image (at most
 * {@value #SIDE} pixels a side), so it costs the same whatever the image's size.
 *
 * @param focal         where the subject is (a {@link Gravity.Kind#POINT}); {@code gravity=focal} crops around it
 * @param blurHash      {@value #COMPONENTS_X}×{@value #COMPONENTS_Y} components ({@link BlurHash})
 * @param dominantColor {@code #rrggbb}
 */
public record ImageAnalysis(Gravity focal, String blurHash, String dominantColor) {
    /** The small copy's largest side: enough for a 4×3 BlurHash and a focal point to 1/64. */
    public static final int SIDE = 64;
    static final int COMPONENTS_X = 4;
    static final int COMPONENTS_Y = 3;
    /** A sidecar is a few dozen bytes; one much larger is not one of ours. */
    public static final int MAX_SIDECAR_BYTES = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageAnalysis {
        if (focal == null || focal.kind() != Gravity.Kind.POINT) {
            throw new IllegalArgumentException("the focal point must be a point");
        }
        if (blurHash == null || !blurHash.matches("[0-9A-Za-z#$%*+,\\-.:;=?@\\[\\]^_{|}~]{6,60}")) {
            throw new IllegalArgumentException("not a BlurHash: " + blurHash);
        }
        if (dominantColor == null || !dominantColor.matches("#[0-9a-f]{6}")) {
            throw new IllegalArgumentException("not a colour: " + dominantColor);
        }
    }

    /** Analyses {@code argb} ({@code width × height}, row by row), a small copy of the image. */
    public static ImageAnalysis of(int[] argb, int width, int height) {
        return new ImageAnalysis(focalPoint(argb, width, height),
                BlurHash.encode(argb, width, height, COMPONENTS_X, COMPONENTS_Y), dominantColor(argb));
    }

    /** This analysis with the focal point someone chose instead. */
    public ImageAnalysis withFocal(Gravity point) {
        return new ImageAnalysis(point, blurHash, dominantColor);
    }

    /**
     * The centre of the most detailed third: the window a third of each side whose pixels have
     * the most local contrast ({@link Saliency}); the centre of the image when it is flat.
     */
    static Gravity focalPoint(int[] argb, int width, int height) {
        int w = Math.max(1, width / 3);
        int h = Math.max(1, height / 3);
        int[] at = Saliency.bestWindow(argb, width, height, w, h);
        return Gravity.point((at[0] + w / 2.0) / width, (at[1] + h / 2.0) / height);
    }

    /**
     * The colour most of the image is: pixels (those at least half opaque, or all when none is)
     * are counted in 4,096 boxes of 16 levels a channel; the mean colour of the fullest box.
     */
    static String dominantColor(int[] argb) {
        boolean anyOpaque = false;
        for (int p : argb) {
            anyOpaque |= (p >>> 24) >= 128;
        }
        long[] count = new long[4096];
        long[][] sums = new long[4096][3];
        for (int p : argb) {
            if (anyOpaque && (p >>> 24) < 128) {
                continue;
            }
            int r = (p >> 16) & 0xFF;
            int g = (p >> 8) & 0xFF;
            int b = p & 0xFF;
            int box = (r >> 4) << 8 | (g >> 4) << 4 | (b >> 4);
            count[box]++;
            sums[box][0] += r;
            sums[box][1] += g;
            sums[box][2] += b;
        }
        int best = 0;
        for (int box = 1; box < count.length; box++) {
            if (count[box] > count[best]) {
                best = box;
            }
        }
        long n = Math.max(1, count[best]);
        return String.format(Locale.ROOT, "#%02x%02x%02x", sums[best][0] / n, sums[best][1] / n, sums[best][2] / n);
    }

    /** The sidecar's bytes: {@code {"focal":{"x":…,"y":…},"blurhash":…,"dominantColor":…}}. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("focal").put("x", focal.x()).put("y", focal.y());
        node.put("blurhash", blurHash);
        node.put("dominantColor", dominantColor);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The analysis in a sidecar's bytes, or empty when they are not one. */
    public static Optional<ImageAnalysis> parse(byte[] json) {
        if (json.length > MAX_SIDECAR_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode focal = node.path("focal");
            if (!focal.path("x").isNumber() || !focal.path("y").isNumber()) {
                return Optional.empty();
            }
            return Optional.of(new ImageAnalysis(Gravity.point(focal.get("x").doubleValue(), focal.get("y").doubleValue()),
                    node.path("blurhash").asText(null), node.path("dominantColor").asText(null)));
        } catch (IOException | IllegalArgumentException | NullPointerException notASidecar) {
            return Optional.empty();
        }
    }
}
