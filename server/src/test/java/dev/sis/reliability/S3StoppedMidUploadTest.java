package dev.sis.reliability;

import static dev.sis.reliability.Crashes.childJvmForS3;
import static dev.sis.reliability.Crashes.base;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.CuttingProxy;
import dev.sis.testing.Eventually;
import dev.sis.testing.Multipart;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.ServerProcess;
import dev.sis.testing.Slow;
import dev.sis.testing.SpoolFiles;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 server stops in the middle of an upload, seen through the whole server: sis as a real
 * process with {@code --store s3://…}, S3Proxy in this JVM behind a {@link CuttingProxy}. When
 * sis has sent part of a large object (one PUT, or a multipart upload), S3Proxy is stopped and
 * the connection cut, so sis's retries find no server. The client gets a clear 5xx, nothing of the upload becomes
 * visible, what was stored before is still served, {@code /readyz} says not ready until S3 is
 * back on the same port, a multipart upload whose abort failed is aborted by the store's
 * background sweep, and then uploads work again without a restart.
 */
@Slow
@Tag("server-only")
class S3StoppedMidUploadTest {
    private static final String BUCKET = "outage";
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path s3Dir;
    @TempDir
    Path spool;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param mib      the upload's size: 10 MiB goes to S3 in one PUT, 20 MiB in a multipart upload
     *                 (parts of 8 MiB over 16 MiB), whose abort fails while S3 is down and is made
     *                 once it is back
     * @param cutAtMib where the S3 server stops, in MiB sent towards it
     */
    @ParameterizedTest(name = "{0} MiB, S3 stopped after {1} MiB")
    @CsvSource({"10, 4", "20, 12"})
    void s3StoppedMidUploadIsA5xxLeavesNothingAndSisRecoversWithoutARestart(int mib, int cutAtMib) throws Exception {
        S3TestServer s3 = S3TestServer.start(s3Dir);
        int s3Port = s3.port();
        s3.createBucket(BUCKET);
        byte[] before = TestImages.jpeg(40, 30, 1);
        byte[] big = bigImage(mib * MIB);
        String bigMd5 = TestImages.md5Hex(big);
        S3TestServer[] running = {s3};
        try (CuttingProxy toS3 = new CuttingProxy(s3Port); ServerProcess sis = startServer(toS3.port())) {
            String base = base(sis.port());
            assertThat(send(base, "PUT", "/v1/images/before.jpg", BodyPublishers.ofByteArray(before)).statusCode())
                    .isEqualTo(201);
            assertThat(get(base, "/readyz").statusCode()).isEqualTo(200);

            toS3.cutAfter((long) cutAtMib * MIB, running[0]::close); // S3 stops with the upload part-way through
            HttpResponse<String> cut = send(base, "PUT", "/v1/images/big.jpg", BodyPublishers.ofByteArray(big));
            assertThat(toS3.cuts()).as("the upload was cut part-way").isEqualTo(1);
            assertThat(cut.statusCode()).as(cut.body()).isIn(502, 503);
            assertThat(cut.body()).contains("\"status\":" + cut.statusCode(), "S3 server");

            Multipart form = new Multipart().file("f", "while-down.jpg", before);
            HttpResponse<String> legacy = send(base, "POST", "/up", BodyPublishers.ofByteArray(form.body()),
                    "Content-Type", form.contentType());
            assertThat(legacy.statusCode()).isIn(502, 503);
            assertThat(legacy.body()).isEqualTo("创建文件失败");
            assertThat(get(base, "/readyz").statusCode()).as("not ready while S3 is down").isEqualTo(503);
            HttpResponse<byte[]> cached = getBytes(base, "/v1/images/" + TestImages.md5Hex(before));
            assertThat(cached.statusCode()).as("served from the cache while S3 is down").isEqualTo(200);
            assertThat(cached.body()).isEqualTo(before);
            assertThat(get(base, "/v1/images/" + bigMd5).statusCode()).as("the cut upload is never served").isNotEqualTo(200);

            running[0] = S3TestServer.start(s3Dir, s3Port);
            awaitReady(base);
            assertThat(get(base, "/v1/images/" + bigMd5).statusCode()).as("nothing of the cut upload").isEqualTo(404);
            assertThat(get(base, "/v1/info/" + bigMd5).statusCode()).isEqualTo(404);
            try (S3Client client = running[0].client()) {
                // beside the earlier upload, at most its analysis (made in the background)
                assertThat(client.listObjectsV2(r -> r.bucket(BUCKET)).contents().stream()
                        .filter(o -> !o.key().endsWith("/analysis/image.json")).toList()).as("only the earlier upload")
                        .singleElement().satisfies(o -> assertThat(o.key()).endsWith("/src/before.jpg"));
                // The store's background sweep makes the abort that failed while S3 was down.
                Eventually.await(Duration.ofSeconds(30), "no incomplete multipart upload once S3 is back",
                        () -> client.listMultipartUploads(r -> r.bucket(BUCKET)).uploads().isEmpty());
            }
            assertThat(SpoolFiles.staged(spool)).as("the spool after the failure").isEmpty();

            assertThat(send(base, "PUT", "/v1/images/big.jpg", BodyPublishers.ofByteArray(big)).statusCode())
                    .as("the same upload once S3 is back, no restart").isEqualTo(201);
            assertThat(getBytes(base, "/v1/images/" + bigMd5 + "/big.jpg").body()).isEqualTo(big);
            assertThat(getBytes(base, "/v1/images/" + TestImages.md5Hex(before) + "/before.jpg").body()).isEqualTo(before);
        } finally {
            running[0].close();
        }
    }

    private ServerProcess startServer(int s3Port) throws IOException {
        return ServerProcess.start(childJvmForS3(), List.of("-port", "0", "-host", "127.0.0.1", "-cache", "8",
                "--store", "s3://" + BUCKET + "/sis", "--s3-endpoint", "http://127.0.0.1:" + s3Port, "--s3-path-style",
                "--s3-region", S3TestServer.REGION, "--spool-dir", spool.toString(), "--upstream-timeout", "10s"));
    }

    /** A JPEG (the header check accepts it) followed by random bytes, {@code size} in all. */
    private static byte[] bigImage(int size) {
        byte[] jpeg = TestImages.jpeg(64, 48, 2);
        byte[] big = Arrays.copyOf(jpeg, size);
        byte[] noise = new byte[size - jpeg.length];
        new Random(size).nextBytes(noise);
        System.arraycopy(noise, 0, big, jpeg.length, noise.length);
        return big;
    }

    /** The SDK may find a pooled connection closed first: ready within a few retries, not at once. */
    private void awaitReady(String base) throws Exception {
        Eventually.await(Duration.ofSeconds(30), "ready after S3's return", () -> get(base, "/readyz").statusCode() == 200);
    }

    private HttpResponse<String> send(String base, String method, String path, BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
        return send(base, "GET", path, BodyPublishers.noBody());
    }

    private HttpResponse<byte[]> getBytes(String base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
