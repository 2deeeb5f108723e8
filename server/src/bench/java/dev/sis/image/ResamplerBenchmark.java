package dev.sis.image;

import dev.sis.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
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
 * The resampler alone ({@link Resampler#resize}) on a decoded photo already in the working layout
 * (INT_RGB): the 2.5 MP photo of the corpus (1920 × 1280) down to {@code target} pixels wide, and
 * the 1200 px input the decoder hands it for a 400 px thumbnail (subsampled by 1/1.6 … 1/3).
 *
 * <p>Run from the repository root (about 1 minute):
 * <pre>{@code
 * ./mvnw -B -q -Pbench test-compile exec:exec@jmh -Djmh.args='ResamplerBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResamplerBenchmark {
    /** Output width; the height follows the aspect ratio. */
    @Param({"400", "1200"})
    public int target;

    private BufferedImage photo;

    @Setup
    public void decode() throws IOException {
        BufferedImage decoded = ImageIO.read(Files.newInputStream(Corpus.file("storm-2.5mp-baseline-q98.jpg")));
        photo = ToSrgb.convert(decoded);
    }

    @Benchmark
    public BufferedImage shrinkPhoto() {
        return Resampler.resize(photo, target, (int) Math.round((double) target * photo.getHeight() / photo.getWidth()));
    }
}
