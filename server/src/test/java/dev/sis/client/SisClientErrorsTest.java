package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.ImageLimits;
import dev.sis.config.UploadLimits;
import dev.sis.image.DecodeGate;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each typed exception, provoked from a real server, with the server's own message. */
class SisClientErrorsTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String UPLOAD = "upload-token-0123456789";
    private static final String ADMIN = "admin-token-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void anUnknownImageOrNameIsNotFound() {
        try (TestServer server = TestServer.start(dataDir); SisClient sis = client(server).build()) {
            UploadedImage stored = sis.upload(Upload.of("a.png", TestImages.png(10, 10)));

            assertThatThrownBy(() -> sis.download(ImageId.of(MD5))).isInstanceOfSatisfying(ImageNotFoundException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.serverMessage()).contains(MD5);
            });
            assertThatThrownBy(() -> sis.download(ImageId.of(stored.md5(), "b.png"), Variant.ofWidth(5)))
                    .isInstanceOf(ImageNotFoundException.class);
            assertThatThrownBy(() -> sis.info(MD5)).isInstanceOf(ImageNotFoundException.class);
        }
    }

    @Test
    void aBodyOrANameOverTheLimitsIsTooLarge() {
        try (TestServer server = TestServer.start(dataDir, c -> ServerSettings.withUpload(c, new UploadLimits(2000, 20, false)));
             SisClient sis = client(server).build()) {
            assertThatThrownBy(() -> sis.upload(Upload.of("big.png", new byte[5000])))
                    .isInstanceOfSatisfying(TooLargeException.class, e -> assertThat(e.status()).isEqualTo(413));
            assertThatThrownBy(() -> sis.upload(Upload.of("n".repeat(21) + ".png", TestImages.png(4, 4))))
                    .isInstanceOf(TooLargeException.class).hasMessageContaining("longer than 20 bytes");
        }
    }

    @Test
    void aFileThatIsNotAnImageIsUnsupported() {
        try (TestServer server = TestServer.start(dataDir); SisClient sis = client(server).build()) {
            assertThatThrownBy(() -> sis.upload(Upload.of("notes.txt", "hello".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOfSatisfying(UnsupportedImageException.class, e -> {
                        assertThat(e.status()).isEqualTo(415);
                        assertThat(e.serverMessage()).isNotBlank();
                    });
        }
    }

    @Test
    void aVariantOverTheOutputBudgetOrOfASizeNotMadeIsRefused() {
        ImageLimits small = new ImageLimits(ImageLimits.DEFAULT_MAX_SOURCE_PIXELS, 10_000, 10_000, 2, 8);
        try (TestServer server = TestServer.start(dataDir,
                c -> ServerSettings.withSecurity(ServerSettings.withImage(c, small), null, null, null, "40x30"));
             SisClient sis = client(server).build()) {
            UploadedImage stored = sis.upload(Upload.of("a.png", TestImages.png(60, 60)));

            assertThatThrownBy(() -> sis.download(stored.id(), Variant.ofSize(50, 50)))
                    .isInstanceOfSatisfying(RefusedByBudgetException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RefusedByBudgetException.Reason.NOT_ALLOWED);
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.serverMessage()).contains("40x30");
                    });
            assertThat(TestImages.decode(sis.download(stored.id(), Variant.ofSize(40, 30).withFit(Fit.STRETCH))).getWidth()).isEqualTo(40);
            assertThatCode(() -> sis.download(stored.id(), Variant.ofFormat(Format.PNG).withQuality(50)))
                    .as("no size: the allow-list does not apply, the 3600-pixel source is within the budget").doesNotThrowAnyException();
        }
        try (TestServer server = TestServer.start(dataDir.resolve("b"), c -> ServerSettings.withImage(c, small));
             SisClient sis = client(server).build()) {
            UploadedImage stored = sis.upload(Upload.of("a.png", TestImages.png(60, 60)));

            assertThatThrownBy(() -> sis.download(stored.id(), Variant.ofSize(200, 200).withFit(Fit.STRETCH)))
                    .isInstanceOfSatisfying(RefusedByBudgetException.class, e -> {
                        assertThat(e.reason()).isEqualTo(RefusedByBudgetException.Reason.OVER_BUDGET);
                        assertThat(e.status()).isEqualTo(422);
                    });
        }
    }

    @Test
    void aBusyServerIsRefusedWithItsRetryAfter() throws Exception {
        ImageLimits oneSlot = new ImageLimits(ImageLimits.DEFAULT_MAX_SOURCE_PIXELS, ImageLimits.DEFAULT_MAX_OUTPUT_PIXELS,
                10_000, 1, 0);
        try (TestServer server = TestServer.start(dataDir, c -> ServerSettings.withImage(c, oneSlot));
             SisClient sis = client(server).build()) {
            UploadedImage stored = sis.upload(Upload.of("a.png", TestImages.png(60, 60)));
            dev.sis.testing.AnalysisMade.await(server.client(), stored.md5()); // it takes the slot for a moment
            // The test holds the only decode slot, so the variant is refused for certain.
            try (DecodeGate.Permit held = server.app().decodeGate().enter()) {
                assertThatThrownBy(() -> sis.download(stored.id(), Variant.ofWidth(10)))
                        .isInstanceOfSatisfying(RefusedByBudgetException.class, e -> {
                            assertThat(e.reason()).isEqualTo(RefusedByBudgetException.Reason.BUSY);
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
                        });
            }
        }
    }

    @Test
    void aMissingOrWrongTokenIsUnauthorized() {
        try (TestServer server = TestServer.start(dataDir, c -> ServerSettings.withSecurity(c, UPLOAD, ADMIN, null, null));
             SisClient none = client(server).build();
             SisClient wrong = client(server).uploadToken("wrong-token-0123456789").adminToken("wrong-admin-0123456789").build();
             SisClient right = client(server).uploadToken(UPLOAD).build()) {
            Upload png = Upload.of("a.png", TestImages.png(10, 10));
            UploadedImage stored = right.upload(png);

            assertThatThrownBy(() -> none.upload(png)).isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.serverMessage()).contains("needs an upload token");
            });
            assertThatThrownBy(() -> wrong.upload(png)).isInstanceOf(UnauthorizedException.class).hasMessageContaining("token is wrong");
            assertThatThrownBy(() -> none.delete(stored.id())).isInstanceOf(UnauthorizedException.class).hasMessageContaining("401");
            assertThatThrownBy(() -> wrong.delete(stored.id())).isInstanceOfSatisfying(UnauthorizedException.class,
                    e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> right.delete(stored.id())).as("an upload token is not an admin token")
                    .isInstanceOf(UnauthorizedException.class);
        }
    }

    @Test
    void deletingOnAServerWithoutAdminTokenSaysHowToEnableIt() {
        try (TestServer server = TestServer.start(dataDir); SisClient sis = client(server).adminToken(ADMIN).build()) {
            assertThatThrownBy(() -> sis.delete(ImageId.of(MD5))).isInstanceOfSatisfying(UnauthorizedException.class,
                    e -> assertThat(e.serverMessage()).contains("--admin-token"));
        }
    }

    @Test
    void anAgentWhoseServerIsDownIsAnUpstreamFailure() throws IOException {
        int closedPort = freePort();
        try (TestServer agent = TestServer.startAgent(dataDir, "http://127.0.0.1:" + closedPort, UnaryOperator.identity());
             SisClient sis = client(agent).build()) {
            assertThatThrownBy(() -> sis.upload(Upload.of("a.png", TestImages.png(10, 10))))
                    .isInstanceOfSatisfying(UpstreamFailureException.class, e -> assertThat(e.status()).isIn(502, 503, 504));
            assertThatThrownBy(() -> sis.download(ImageId.of(MD5))).isInstanceOf(UpstreamFailureException.class);
        }
    }

    @Test
    void aParameterOverTheServersLimitIsAServerError() {
        try (TestServer server = TestServer.start(dataDir); SisClient sis = client(server).build()) {
            UploadedImage stored = sis.upload(Upload.of("a.png", TestImages.png(10, 10)));

            assertThatThrownBy(() -> sis.download(stored.id(), Variant.ofWidth(20_000)))
                    .isInstanceOfSatisfying(ServerErrorException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serverMessage()).isEqualTo("w must be an integer from 1 to 10000");
                    });
        }
    }

    @Test
    void noServerIsAConnectionFailureNamingTheUrl() throws IOException {
        int closedPort = freePort();
        try (SisClient sis = SisClient.builder("http://127.0.0.1:" + closedPort).connectTimeout(Duration.ofSeconds(5)).build()) {
            assertThatThrownBy(() -> sis.download(ImageId.of(MD5))).isInstanceOfSatisfying(ConnectionFailedException.class, e -> {
                assertThat(e.status()).isZero();
                assertThat(e).hasMessageContaining("cannot reach sis at http://127.0.0.1:" + closedPort);
            });
            assertThatThrownBy(() -> sis.upload(List.of(Upload.of("a.png", new byte[] {1}))))
                    .isInstanceOf(ConnectionFailedException.class);
        }
    }

    private static SisClientBuilder client(TestServer server) {
        return SisClient.builder(server.url(""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
