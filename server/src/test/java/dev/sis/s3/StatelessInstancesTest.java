package dev.sis.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.S3Config;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two sis instances on one bucket, as behind a load balancer: each serves what the other
 * stored, and neither keeps an image file on its own disk.
 */
class StatelessInstancesTest {
    @TempDir
    Path s3Dir;
    @TempDir
    Path dataA;
    @TempDir
    Path dataB;
    @TempDir
    Path spoolA;
    @TempDir
    Path spoolB;

    @Test
    void twoInstancesServeEachOthersUploadsAndKeepNoFiles() throws IOException {
        String admin = "admin-token-0123456789";
        try (S3TestServer s3 = S3TestServer.start(s3Dir)) {
            s3.createBucket("shared");
            try (TestServer a = TestServer.startWith(config(s3, dataA, spoolA, admin));
                 TestServer b = TestServer.startWith(config(s3, dataB, spoolB, admin))) {
                byte[] jpeg = TestImages.jpeg(120, 80, 3);
                byte[] png = TestImages.png(30, 20);
                String jpegMd5 = TestImages.md5Hex(jpeg);
                String pngMd5 = TestImages.md5Hex(png);

                assertThat(a.client().post("/v1/images", new Multipart().file("f", "cat.jpg", jpeg)).statusCode()).isEqualTo(201);
                assertThat(b.client().post("/up", new Multipart().file("f", "dot.png", png)).statusCode()).isEqualTo(200);

                assertThat(b.client().get("/v1/images/" + jpegMd5).body()).isEqualTo(jpeg);
                assertThat(b.client().get("/full_down?md5=" + jpegMd5 + "&file_name=cat.jpg").body()).isEqualTo(jpeg);
                assertThat(a.client().get("/simple_down?md5=" + pngMd5).body()).isEqualTo(png);
                assertThat(TestClient.text(a.client().get("/v1/info/" + pngMd5))).contains("\"names\":[\"dot.png\"]");

                HttpResponse<byte[]> variant = b.client().get("/v1/images/" + jpegMd5 + "?w=60&h=40&fit=stretch");
                assertThat(variant.statusCode()).isEqualTo(200);
                assertThat(TestImages.decode(variant.body()).getWidth()).isEqualTo(60);
                assertThat(keys(s3)).anyMatch(k -> k.startsWith("sis/" + jpegMd5.substring(0, 2)) && k.endsWith("/image.jpg"));
                assertThat(a.client().get("/v1/images/" + jpegMd5 + "?w=60&h=40&fit=stretch").body())
                        .as("the variant B made and stored is the one A serves").isEqualTo(variant.body());
                assertThat(a.app().service().variantsMade()).isZero();

                assertThat(a.client().get("/readyz").statusCode()).isEqualTo(200);
                assertThat(b.client().get("/readyz").statusCode()).isEqualTo(200);

                assertThat(b.client().method("DELETE", "/v1/images/" + pngMd5, new byte[0],
                        "Authorization", "Bearer " + admin).statusCode()).isEqualTo(204);
                assertThat(a.client().get("/v1/info/" + pngMd5).statusCode()).isEqualTo(404);
            }
            for (Path local : List.of(dataA, dataB, spoolA, spoolB)) {
                assertThat(regularFiles(local)).as("files under %s", local).isEmpty();
            }
        }
    }

    @Test
    void readinessFollowsTheBucket() throws IOException {
        try (S3TestServer s3 = S3TestServer.start(s3Dir);
             TestServer sis = TestServer.startWith(config(s3, dataA, spoolA, null))) {
            assertThat(sis.client().get("/readyz").statusCode()).as("no bucket yet").isEqualTo(503);
            s3.createBucket("shared");
            assertThat(sis.client().get("/readyz").statusCode()).isEqualTo(200);
        }
    }

    static SisConfig config(S3TestServer s3, Path dataDir, Path spool, String adminToken) {
        return config(s3.config("shared", "sis", spool), dataDir, adminToken);
    }

    static SisConfig config(S3Config s3, Path dataDir, String adminToken) {
        SisConfig defaults = TestServer.defaults(dataDir);
        return new SisConfig(defaults.server(), new StoreConfig.S3(s3),
                defaults.cache(), defaults.upload(), defaults.image(),
                new SecurityConfig(null, null, adminToken, null, java.util.Set.of(), java.util.Set.of()));
    }

    private static List<String> keys(S3TestServer s3) {
        try (S3Client client = s3.client()) {
            return client.listObjectsV2Paginator(r -> r.bucket("shared")).contents().stream().map(S3Object::key).toList();
        }
    }

    static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
