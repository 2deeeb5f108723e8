package dev.sis.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.testing.AnalysisMade;
import dev.sis.testing.Eventually;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sis migrate} from a sis store carries each image's analysis sidecars (the one made after
 * upload and a corrected generation) beside its original, into a local store and into S3: a
 * server on the target shows the same focal point, BlurHash and colour in {@code /v1/info}. A
 * file named as a sidecar that is not an analysis is reported and left behind.
 */
class MigrateAnalysisTest {
    private static final String ADMIN = "migrate-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private static SisConfig withAdmin(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, ADMIN, null, Set.of(), Set.of()));
    }

    private static JsonNode info(TestServer server, String md5) throws IOException {
        return JSON.readTree(server.client().get("/v1/info/" + md5).body());
    }

    /** The analysis part of {@code /v1/info}: what must survive the migration. */
    private static String analysisOf(JsonNode info) {
        return info.get("focal") + " " + info.get("blurhash") + " " + info.get("dominantColor");
    }

    /** A local sis store with one analysed image whose focal point was corrected once; its analysis. */
    private String analysedStore(Path dir, String[] md5) throws Exception {
        try (TestServer server = TestServer.startWith(withAdmin(TestServer.defaults(dir)))) {
            byte[] picture = TestImages.jpeg(160, 100, 3);
            md5[0] = TestImages.md5Hex(picture);
            assertThat(server.client().put("/v1/images/photo.jpg", picture).statusCode()).isEqualTo(201);
            AnalysisMade.await(server.client(), md5[0]);
            assertThat(server.client().put("/v1/info/" + md5[0] + "/focal",
                    "{\"x\":0.2,\"y\":0.7}".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + ADMIN)
                    .statusCode()).isEqualTo(200);
            Eventually.await(Duration.ofSeconds(20), "the post-upload work done",
                    () -> server.app().service().postUpload().idle());
            JsonNode info = info(server, md5[0]);
            assertThat(info.get("focal").get("x").doubleValue()).isEqualTo(0.2);
            return analysisOf(info);
        }
    }

    @Test
    void aLocalStoresAnalysesReachAnotherLocalStore() throws Exception {
        Path from = work.resolve("from");
        String[] md5 = new String[1];
        String analysis = analysedStore(from, md5);
        Path to = work.resolve("to");

        MigrateCommandTest.Run run = MigrateCommandTest.migrate("--from", "file:" + from, "--to", "file:" + to);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 copied", "2 image analyses carried");
        try (TestServer target = TestServer.startWith(TestServer.defaults(to))) {
            assertThat(analysisOf(info(target, md5[0]))).isEqualTo(analysis);
        }
        MigrateCommandTest.Run again = MigrateCommandTest.migrate("--from", "file:" + from, "--to", "file:" + to);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("1 already there").doesNotContain("analyses carried");
    }

    @Test
    void aLocalStoresAnalysesReachS3() throws Exception {
        Path from = work.resolve("from");
        String[] md5 = new String[1];
        String analysis = analysedStore(from, md5);
        try (S3TestServer s3 = S3TestServer.start(Files.createDirectories(work.resolve("s3-data")))) {
            s3.createBucket("images");

            MigrateCommandTest.Run run = MigrateCommandTest.migrate("--from", "file:" + from, "--to", "s3://images/sis",
                    "--s3-endpoint", s3.endpoint().toString(), "--s3-path-style", "--s3-region", S3TestServer.REGION);

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 copied", "2 image analyses carried");
            SisConfig defaults = TestServer.defaults(work.resolve("unused"));
            try (TestServer target = TestServer.startWith(new SisConfig(defaults.server(),
                    new StoreConfig.S3(s3.config("images", "sis", work.resolve("spool"))), defaults.cache(),
                    defaults.upload(), defaults.image()))) {
                assertThat(analysisOf(info(target, md5[0]))).isEqualTo(analysis);
            }
        }
    }

    @Test
    void aFileNamedAsAnAnalysisThatIsNoneIsReportedAndLeftBehind() throws Exception {
        Path from = work.resolve("from");
        String[] md5 = new String[1];
        analysedStore(from, md5);
        Path forged = from.resolve(md5[0].substring(0, 2)).resolve(md5[0].substring(2, 4)).resolve(md5[0])
                .resolve("analysis-2").resolve("image.json");
        Files.createDirectories(forged.getParent());
        Files.writeString(forged, "{\"focal\":\"everywhere\"}");
        Path to = work.resolve("to");

        MigrateCommandTest.Run run = MigrateCommandTest.migrate("--from", "file:" + from, "--to", "file:" + to);

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED " + forged.toString().substring(from.toString().length() + 1)
                + ": not an image analysis sis can read");
        assertThat(to.resolve(from.relativize(forged))).doesNotExist();
        try (TestServer target = TestServer.startWith(TestServer.defaults(to))) {
            assertThat(info(target, md5[0]).get("focal").get("x").doubleValue()).isEqualTo(0.2);
        }
    }
}
