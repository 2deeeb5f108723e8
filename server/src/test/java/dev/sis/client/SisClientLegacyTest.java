package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.UploadLimits;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legacy mode: sis 2.0's {@code /up} and four download routes, as this server answers them. */
class SisClientLegacyTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private static final String UPLOAD = "upload-token-0123456789";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void uploadsThroughUpAndDownloadsThroughTheFourRoutes() throws Exception {
        byte[] jpeg = TestImages.jpeg(120, 80);
        byte[] png = TestImages.png(50, 50);
        try (TestServer server = TestServer.start(dataDir); SisClient sis = legacy(server).build()) {
            List<UploadedImage> stored = sis.upload(List.of(Upload.of("a.jpg", jpeg), Upload.of("b.png", png)));
            Variant stretch = Variant.ofSize(30, 45).withFit(Fit.STRETCH);

            byte[] simple = sis.download(ImageId.of(stored.get(0).md5()));
            byte[] full = sis.download(stored.get(1).id());
            BufferedImage stretchedSimple = TestImages.decode(sis.download(ImageId.of(stored.get(0).md5()), stretch));
            Path file = work.resolve("b-small.png");
            sis.downloadTo(stored.get(1).id(), stretch, file);

            assertThat(stored).containsExactly(new UploadedImage("a.jpg", TestImages.md5Hex(jpeg), null, null, null, null),
                    new UploadedImage("b.png", TestImages.md5Hex(png), null, null, null, null));
            assertThat(simple).isEqualTo(jpeg);
            assertThat(full).isEqualTo(png);
            assertThat(stretchedSimple.getWidth()).isEqualTo(30);
            assertThat(stretchedSimple.getHeight()).isEqualTo(45);
            BufferedImage stretchedFull = TestImages.decode(Files.readAllBytes(file));
            assertThat(stretchedFull.getWidth()).isEqualTo(30);
            assertThat(stretchedFull.getHeight()).isEqualTo(45);
            assertThat(sis.url(stored.get(1).id(), stretch).toString())
                    .isEqualTo(server.url("/stretch_full_down?md5=" + stored.get(1).md5() + "&file_name=b.png&w=30&h=45"));
        }
    }

    @Test
    void whatSis20CannotDoIsRefusedBeforeAnythingIsSent() {
        try (SisClient sis = SisClient.builder("http://127.0.0.1:9").mode(ApiMode.LEGACY).build()) {
            assertThatThrownBy(() -> sis.info(MD5)).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("sis 2.0 has no info route");
            assertThatThrownBy(() -> sis.delete(ImageId.of(MD5))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> sis.download(ImageId.of(MD5), Variant.ofWidth(40)))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("only exact stretches");
        }
    }

    @Test
    void legacyErrorsAreTyped() {
        try (TestServer server = TestServer.start(dataDir, c -> ServerSettings.withUpload(c, new UploadLimits(3000, 50, false)));
             SisClient sis = legacy(server).build()) {
            UploadedImage stored = sis.upload(Upload.of("a.png", TestImages.png(10, 10)));

            assertThatThrownBy(() -> sis.download(ImageId.of(MD5))).isInstanceOfSatisfying(ImageNotFoundException.class,
                    e -> assertThat(e.serverMessage()).isEmpty());
            assertThatThrownBy(() -> sis.download(stored.id(), Variant.ofSize(6_000, 6_000).withFit(Fit.STRETCH)))
                    .as("over the output budget: sis 2.0's routes say 404").isInstanceOf(ImageNotFoundException.class);
            assertThatThrownBy(() -> sis.upload(Upload.of("big.png", new byte[4000])))
                    .isInstanceOfSatisfying(TooLargeException.class, e -> assertThat(e.serverMessage()).isEqualTo("上传文件超出50M限制"));
            assertThatThrownBy(() -> sis.upload(Upload.of("notes.txt", "hi".getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOfSatisfying(UnsupportedImageException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.serverMessage()).isEqualTo("不要乱来");
                    });
        }
    }

    @Test
    void theUploadTokenIsSentToo() {
        try (TestServer server = TestServer.start(dataDir, c -> ServerSettings.withSecurity(c, UPLOAD, null, null, null));
             SisClient without = legacy(server).build();
             SisClient with = legacy(server).uploadToken(UPLOAD).build()) {
            Upload png = Upload.of("a.png", TestImages.png(10, 10));

            assertThatThrownBy(() -> without.upload(png)).isInstanceOf(UnauthorizedException.class);
            assertThat(with.upload(png).name()).isEqualTo("a.png");
        }
    }

    private static SisClientBuilder legacy(TestServer server) {
        return SisClient.builder(server.url("")).mode(ApiMode.LEGACY);
    }
}
