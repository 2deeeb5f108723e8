package dev.sis.http.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.UploadLimits;
import dev.sis.testing.Eventually;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The analysis kept with each image (focal point, BlurHash, dominant colour): made after the
 * upload in the background, kept in a sidecar beside the original on local disk, on S3 and on an
 * agent's server, and shown by {@code /v1/info} and later upload answers; absent until made.
 */
class V1AnalysisTest {
    private static final String INTERNAL_TOKEN = "analysis-internal-token-0123456";
    @TempDir
    Path dataDir;
    @TempDir
    Path spool;

    /** 120×80 mostly blue, with a textured 20×20 patch in the top-left corner. */
    static byte[] bluePictureWithDetailTopLeft() {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(11);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                image.setRGB(x, y, x < 20 && y < 20 ? random.nextInt(0x1000000) : 0x2040C0);
            }
        }
        return TestImages.encode(image, "png");
    }

    private static JsonNode awaitAnalysis(TestServer server, String md5) throws Exception {
        JsonNode[] info = new JsonNode[1];
        Eventually.await(Duration.ofSeconds(20), "the analysis of " + md5, () -> {
            info[0] = Answers.json(server.client().get("/v1/info/" + md5));
            return info[0].has("blurhash");
        });
        return info[0];
    }

    private static void assertAnalysisOfTheBluePicture(JsonNode info) {
        assertThat(info.get("dominantColor").textValue()).isEqualTo("#2040c0");
        assertThat(info.get("blurhash").textValue()).hasSize(28).startsWith("L");
        assertThat(info.get("focal").get("x").doubleValue()).isLessThan(0.3);
        assertThat(info.get("focal").get("y").doubleValue()).isLessThan(0.4);
    }

    @Test
    void theAnalysisIsKeptBesideTheOriginalAndShownByInfoAndLaterUploads() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            byte[] picture = bluePictureWithDetailTopLeft();
            String md5 = Answers.put(server, "blue.png", picture).get("md5").textValue();

            assertAnalysisOfTheBluePicture(awaitAnalysis(server, md5));
            if (!TestServer.throughAgent()) {
                // shown by /v1/info, the sidecar may still be leaving its staging file
                server.awaitBackgroundWrites();
                try (Stream<Path> files = Files.walk(dataDir)) {
                    assertThat(files.map(Path::toString)).anyMatch(p -> p.endsWith(md5 + "/analysis/image.json"));
                }
            }
            JsonNode again = Answers.put(server, "blue.png", picture);
            assertAnalysisOfTheBluePicture(again);
        }
    }

    /** The analysis is not a variant made again on a view: a variant budget of 0 keeps it all the same. */
    @Test
    void theAnalysisIsKeptWhereNoVariantIs() throws Exception {
        try (TestServer server = TestServer.start(dataDir, c -> new SisConfig(c.server(),
                new StoreConfig.Local(((StoreConfig.Local) c.store()).dataDir(), java.util.OptionalLong.of(0)),
                c.cache(), c.upload(), c.image()))) {
            byte[] picture = bluePictureWithDetailTopLeft();
            String md5 = Answers.put(server, "blue.png", picture).get("md5").textValue();

            assertAnalysisOfTheBluePicture(awaitAnalysis(server, md5));
            assertThat(server.client().get("/v1/images/" + md5 + "?w=10").statusCode()).isEqualTo(200);
            if (!TestServer.throughAgent()) {
                // the variant would be written after its answer: none kept is only seen once none is under way
                server.awaitBackgroundWrites();
                try (Stream<Path> files = Files.walk(dataDir)) {
                    assertThat(files.map(Path::toString).filter(p -> p.contains(md5 + "/w10")))
                            .as("no variant kept under a budget of 0").isEmpty();
                }
            }
        }
    }

    @Test
    void aFileThatIsNotAnImageHasNoAnalysis() throws Exception {
        try (TestServer server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                new UploadLimits(UploadLimits.DEFAULT_MAX_REQUEST_BYTES, 50, true), c.image()))) {
            String md5 = Answers.put(server, "notes.txt", "just text".getBytes()).get("md5").textValue();
            Answers.put(server, "notes.txt", "just text".getBytes()); // a second upload, which would find one
            JsonNode info = Answers.json(server.client().get("/v1/info/" + md5));
            assertThat(info.has("focal")).isFalse();
            assertThat(info.has("blurhash")).isFalse();
        }
    }

    @Test
    void throughAnAgentTheAnalysisIsKeptOnItsServer() throws Exception {
        try (TestServer server = TestServer.start(dataDir, c -> TestServer.withInternalToken(c, INTERNAL_TOKEN));
             TestServer agent = TestServer.startAgent(spool, server)) {
            String md5 = Answers.put(agent, "blue.png", bluePictureWithDetailTopLeft()).get("md5").textValue();

            assertAnalysisOfTheBluePicture(awaitAnalysis(agent, md5));
            assertAnalysisOfTheBluePicture(awaitAnalysis(server, md5));
        }
    }

    @Test
    void onS3TheAnalysisIsAnObjectBesideTheOriginal(@TempDir Path s3Dir) throws Exception {
        try (S3TestServer s3 = S3TestServer.start(s3Dir)) {
            s3.createBucket("shared");
            try (TestServer server = TestServer.startWith(onS3(s3))) {
                String md5 = Answers.put(server, "blue.png", bluePictureWithDetailTopLeft()).get("md5").textValue();
                assertAnalysisOfTheBluePicture(awaitAnalysis(server, md5));
                assertThat(keys(s3)).anyMatch(k -> k.endsWith(md5 + "/analysis/image.json"));
            }
        }
    }

    private SisConfig onS3(S3TestServer s3) {
        SisConfig defaults = TestServer.defaults(dataDir);
        return new SisConfig(defaults.server(), new StoreConfig.S3(s3.config("shared", "sis", spool)),
                defaults.cache(), defaults.upload(), defaults.image());
    }

    private static List<String> keys(S3TestServer s3) {
        try (S3Client client = s3.client()) {
            return client.listObjectsV2Paginator(r -> r.bucket("shared")).contents().stream().map(S3Object::key).toList();
        }
    }
}
