package dev.sis.image;

import dev.sis.client.Fit;
import dev.sis.config.ImageLimits;
import dev.sis.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decode path of a cold resize, step by step, on photos of the corpus held in memory:
 * <ul>
 *   <li>{@code header}: format, size and orientation ({@link SourceImage#open}), no pixel;</li>
 *   <li>{@code decodeFull}: every pixel, to sRGB;</li>
 *   <li>{@code decodeForThumbnail}: what a 400 × 400 thumbnail decodes (subsampled, as
 *       {@link Decode#subsampling} plans it);</li>
 *   <li>{@code thumbnail}: the whole variant, header to encoded JPEG at quality 85
 *       ({@link ImageEngine#makeVariant}), what a cold request costs the pure-Java engine;</li>
 *   <li>{@code thumbnailVips}: the same with the native engine (libvips must be installed).</li>
 * </ul>
 *
 * <p>Run from the repository root (about 4 minutes):
 * <pre>{@code
 * ./mvnw -B -q -Pbench test-compile exec:exec@jmh -Djmh.args='DecodeBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
    @Param({"storm-2.5mp-baseline-q98.jpg", "elephants-8mp-progressive-q100.jpg", "photo-18mp-baseline-q90.jpg",
            "stripes-2.3mp.png"})
    public String file;

    private static final VariantSpec THUMBNAIL = new VariantSpec(400, 400, Fit.CONTAIN, null, 85);
    private final ImageEngine engine = new JavaImageEngine(ImageLimits.defaults());
    private ImageEngine vips;
    private byte[] bytes;

    @Setup
    public void read() throws IOException {
        bytes = Files.readAllBytes(Corpus.file(file));
        StringBuilder why = new StringBuilder();
        vips = VipsImageEngine.load(ImageLimits.defaults(), why).orElse(null);
    }

    @Benchmark
    public int header() {
        try (SourceImage source = SourceImage.open(new ByteArrayInputStream(bytes))) {
            return source.width;
        }
    }

    @Benchmark
    public BufferedImage decodeFull() throws IOException {
        try (SourceImage source = SourceImage.open(new ByteArrayInputStream(bytes))) {
            return Decode.firstFrame(source, 1, Deadline.after(java.time.Duration.ofMinutes(1)));
        }
    }

    @Benchmark
    public BufferedImage decodeForThumbnail() throws IOException {
        try (SourceImage source = SourceImage.open(new ByteArrayInputStream(bytes))) {
            Geometry geometry = Geometry.plan(source.displayedWidth(), source.displayedHeight(), THUMBNAIL);
            int factor = Decode.subsampling(source.width, source.height, source.orientation, geometry);
            return Decode.firstFrame(source, factor, Deadline.after(java.time.Duration.ofMinutes(1)));
        }
    }

    @Benchmark
    public EncodedImage thumbnail() {
        return engine.makeVariant(new ByteArrayInputStream(bytes), THUMBNAIL);
    }

    @Benchmark
    public EncodedImage thumbnailVips() {
        if (vips == null) {
            throw new IllegalStateException("libvips is not installed");
        }
        return vips.makeVariant(new ByteArrayInputStream(bytes), THUMBNAIL);
    }
}
