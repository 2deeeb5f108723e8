package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.ImageLimits;
import dev.sis.config.SisConfig;
import dev.sis.image.DecodeGate;
import dev.sis.image.jpeg.JpegSamples;
import dev.sis.image.jpeg.JpegSamples.Sampling;
import dev.sis.testing.Eventually;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decode gate counts what a progressive JPEG shrunk on load holds: every block's
 * coefficients until the last scan, 19 MB for this 6 MP 4:2:0 file at 1/8 (20.1 MiB estimated in
 * all). With half of a 32 MiB budget held by another decode and no queue, its thumbnail is
 * refused with 503 as the gate's rule says, and made once the budget is free. Before, the
 * estimate never found the frame header and counted the usual way's memory only (9.0 MiB): the
 * thumbnail was admitted beside the other decode, over the budget. Structural, nothing timed.
 */
class ShrinkOnLoadAdmissionTest {
    private static final long MIB = 1L << 20;
    private static final long BUDGET = 32 * MIB;

    @TempDir
    Path dataDir;

    @Test
    void aShrinkOnLoadDecodeWaitsForItsCoefficientPlanesToFitTheBudget() throws Exception {
        BufferedImage picture = JpegSamples.picture(3000, 2000, BufferedImage.TYPE_INT_RGB, 7);
        byte[] jpeg = JpegSamples.jpeg(picture, Sampling.S420, true, 0, 0.9f);
        try (TestServer server = TestServer.startWith(javaEngineTwoDecodesNoQueue(TestServer.defaults(dataDir)))) {
            assertThat(server.client().put("/v1/images/big.jpg", jpeg).statusCode()).isEqualTo(201);
            String md5 = TestImages.md5Hex(jpeg);
            DecodeGate gate = server.app().decodeGate();
            Eventually.await(Duration.ofSeconds(30), "the upload's analysis done",
                    () -> server.app().service().postUpload().idle() && gate.running() == 0);

            HttpResponse<byte[]> refused;
            try (DecodeGate.Permit other = gate.enter(BUDGET / 2)) {
                refused = server.client().get("/v1/images/" + md5 + "?w=300");
            }
            HttpResponse<byte[]> made = server.client().get("/v1/images/" + md5 + "?w=300");

            assertThat(refused.statusCode()).as("19 MB of planes do not fit in the 16 MiB left").isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(made.statusCode()).isEqualTo(200);
            assertThat(TestImages.decode(made.body()).getWidth()).isEqualTo(300);
            assertThat(gate.freeMemoryMiB()).isEqualTo((int) (BUDGET / MIB));
        }
    }

    /** The pure-Java engine (whatever the run's engine), two decode slots, no queue, a 32 MiB budget. */
    private static SisConfig javaEngineTwoDecodesNoQueue(SisConfig c) {
        ImageLimits l = c.image();
        ImageLimits limits = new ImageLimits(l.maxSourcePixels(), l.maxOutputPixels(), l.maxDimension(), 2, 0,
                l.maxAnimationPixels(), l.maxAnimationFrames(), BUDGET, l.decodeTimeout(), l.maxJpegScans());
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), limits, c.security(), c.logFormat(),
                SisConfig.EngineChoice.JAVA, c.features());
    }
}
