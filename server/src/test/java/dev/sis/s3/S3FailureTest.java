package dev.sis.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.RemoteLimits;
import dev.sis.config.S3Config;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreLocation;
import dev.sis.config.UploadLimits;
import dev.sis.testing.CuttingProxy;
import dev.sis.testing.Multipart;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.SpoolFiles;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 server fails: it stops, or dies in the middle of an upload. sis answers 502 or 503
 * with a clear message, acknowledges nothing that the bucket does not have, leaves no
 * half-object or multipart upload behind, and recovers by itself when S3 is back.
 */
class S3FailureTest {
    @TempDir
    Path s3Dir;
    @TempDir
    Path data;
    @TempDir
    Path spool;

    @Test
    void s3StoppedThenBackOnTheSamePort() throws IOException {
        S3TestServer s3 = S3TestServer.start(s3Dir);
        int port = s3.port();
        s3.createBucket("shared");
        try (TestServer sis = TestServer.startWith(StatelessInstancesTest.config(s3, data, spool, null))) {
            byte[] before = TestImages.png(10, 10);
            assertThat(sis.client().put("/v1/images/before.png", before).statusCode()).isEqualTo(201);
            s3.close();

            byte[] png = TestImages.png(12, 12);
            HttpResponse<byte[]> refused = sis.client().put("/v1/images/x.png", png);
            assertThat(refused.statusCode()).isIn(502, 503);
            assertThat(TestClient.text(refused)).contains("S3 server");
            HttpResponse<byte[]> legacy = sis.client().post("/up", new Multipart().file("f", "x.png", png));
            assertThat(legacy.statusCode()).isIn(502, 503);
            assertThat(TestClient.text(legacy)).isEqualTo("创建文件失败");
            assertThat(sis.client().get("/readyz").statusCode()).isEqualTo(503);
            assertThat(sis.client().get("/v1/images/" + TestImages.md5Hex(before)).body())
                    .as("served from the cache while S3 is away").isEqualTo(before);

            s3 = S3TestServer.start(s3Dir, port);
            assertThat(sis.client().get("/readyz").statusCode()).isEqualTo(200);
            assertThat(sis.client().get("/v1/info/" + TestImages.md5Hex(png)).statusCode())
                    .as("nothing was stored while S3 was away").isEqualTo(404);
            assertThat(sis.client().put("/v1/images/x.png", png).statusCode()).isEqualTo(201);
            assertThat(SpoolFiles.staged(spool)).isEmpty();
        } finally {
            s3.close();
        }
    }

    @Test
    void aConnectionCutMidUploadIsA502AndNothingIsStored() throws IOException {
        checkCutMidUpload(2 * 1024 * 1024, 512 * 1024);
    }

    @Test
    void aConnectionCutInAMultipartUploadIsA502AndTheUploadIsAborted() throws IOException {
        checkCutMidUpload((int) (2.5 * S3Config.MIN_PART_SIZE), (long) (1.5 * S3Config.MIN_PART_SIZE));
    }

    private void checkCutMidUpload(int size, long cutAfter) throws IOException {
        try (S3TestServer s3 = S3TestServer.start(s3Dir); CuttingProxy proxy = new CuttingProxy(s3.port())) {
            s3.createBucket("shared");
            S3Config direct = s3.config("shared", "sis", spool).withMultipart(S3Config.MIN_PART_SIZE, S3Config.MIN_PART_SIZE);
            S3Config viaProxy = new S3Config(direct.location(), URI.create("http://127.0.0.1:" + proxy.port()), true,
                    S3TestServer.REGION, new RemoteLimits(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, spool),
                    direct.multipartThreshold(), direct.partSize());
            SisConfig c = StatelessInstancesTest.config(viaProxy, data, null);
            SisConfig anyFile = new SisConfig(c.server(), c.store(), c.cache(),
                    new UploadLimits(c.upload().maxRequestBytes(), c.upload().maxNameBytes(), true), c.image(), c.security());
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            String md5 = TestImages.md5Hex(bytes);
            try (TestServer sis = TestServer.startWith(anyFile)) {
                proxy.cutAfter(cutAfter);
                HttpResponse<byte[]> cut = sis.client().put("/v1/images/big.bin", bytes);

                assertThat(proxy.cuts()).isEqualTo(1);
                assertThat(cut.statusCode()).isIn(502, 503);
                assertThat(TestClient.text(cut)).contains("\"status\":" + cut.statusCode(), "S3 server");
                assertThat(sis.client().get("/v1/info/" + md5).statusCode()).isEqualTo(404);
                try (S3Client client = s3.client()) {
                    assertThat(client.listObjectsV2(r -> r.bucket("shared")).contents()).isEmpty();
                    assertThat(client.listMultipartUploads(r -> r.bucket("shared")).uploads()).isEmpty();
                }
                assertThat(SpoolFiles.staged(spool)).isEmpty();

                HttpResponse<byte[]> again = sis.client().put("/v1/images/big.bin", bytes);
                assertThat(again.statusCode()).isEqualTo(201);
                assertThat(sis.client().get("/v1/images/" + md5 + "/big.bin").body()).isEqualTo(bytes);
            }
        }
    }
}
