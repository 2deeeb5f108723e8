package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every method of the client against a real server (/v1), on a random port. */
class SisClientTest {
    private static final String ADMIN = "admin-token-0123456789";
    private static final String KEY = "signing-key-0123456789";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    private TestServer server;
    private SisClient sis;

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, c -> ServerSettings.withSecurity(c, null, ADMIN, null, null));
        sis = SisClient.builder(server.url("")).adminToken(ADMIN).build();
    }

    @AfterEach
    void stop() {
        sis.close();
        server.close();
    }

    @Test
    void uploadsAFileBytesAndAStreamInOneRequestAndTellsWhatWasStored() throws Exception {
        byte[] jpeg = TestImages.jpeg(80, 60);
        byte[] png = TestImages.png(30, 20);
        byte[] gif = TestImages.gif(10, 12);
        Path file = Files.write(work.resolve("photo one.jpg"), jpeg);

        List<UploadedImage> stored = sis.upload(List.of(Upload.of(file), Upload.of("猫.png", png),
                Upload.of("anim.gif", new ByteArrayInputStream(gif))));

        assertThat(stored).containsExactly(
                new UploadedImage("photo one.jpg", TestImages.md5Hex(jpeg), (long) jpeg.length, "image/jpeg", 80, 60),
                new UploadedImage("猫.png", TestImages.md5Hex(png), (long) png.length, "image/png", 30, 20),
                new UploadedImage("anim.gif", TestImages.md5Hex(gif), (long) gif.length, "image/gif", 10, 12));
        assertThat(sis.download(stored.get(1).id())).isEqualTo(png);
        assertThat(sis.download(ImageId.of(stored.get(2).md5()))).isEqualTo(gif);
    }

    @Test
    void anUploadTellsItsProgressAsItsBytesGoOut() throws Exception {
        byte[] photo = TestImages.jpeg(1600, 1200, 7);
        Path file = Files.write(work.resolve("photo.jpg"), photo);
        List<Long> steps = new java.util.concurrent.CopyOnWriteArrayList<>();

        UploadedImage stored = sis.upload(Upload.of(file).onProgress(steps::add));

        assertThat(stored.md5()).isEqualTo(TestImages.md5Hex(photo));
        assertThat(steps.stream().mapToLong(Long::longValue).sum()).as("every byte of the file, counted once")
                .isEqualTo(photo.length);
        assertThat(steps).as("told in steps, not once at the end").hasSizeGreaterThan(1);
    }

    @Test
    void uploadsOneFileUnderAnotherName() throws Exception {
        byte[] jpeg = TestImages.jpeg(40, 30);
        Path file = Files.write(work.resolve("x.jpg"), jpeg);

        UploadedImage stored = sis.upload(Upload.of(file, "renamed \"quoted\".jpg"));

        assertThat(stored.name()).isEqualTo("renamed \"quoted\".jpg");
        assertThat(sis.info(stored.md5()).names()).containsExactly("renamed \"quoted\".jpg");
    }

    @Test
    void downloadsVariantsAsBytesStreamsAndFiles() throws Exception {
        UploadedImage stored = sis.upload(Upload.of("p.png", TestImages.png(200, 100)));

        BufferedImage cover = TestImages.decode(sis.download(stored.id(), Variant.ofSize(50, 50).withFit(Fit.COVER)));
        byte[] webp;
        try (InputStream in = sis.openStream(ImageId.of(stored.md5()), Variant.ofWidth(40).withFormat(Format.WEBP).withQuality(60))) {
            webp = in.readAllBytes();
        }
        Path saved = work.resolve("small.jpg");
        Files.writeString(saved, "replaced");
        long bytes = sis.downloadTo(stored.id(), Variant.ofHeight(25).withFormat(Format.JPEG), saved);

        assertThat(cover.getWidth()).isEqualTo(50);
        assertThat(cover.getHeight()).isEqualTo(50);
        assertThat(new String(webp, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(bytes).isEqualTo(Files.size(saved));
        BufferedImage small = TestImages.decode(Files.readAllBytes(saved));
        assertThat(small.getWidth()).isEqualTo(50);
        assertThat(small.getHeight()).isEqualTo(25);
        try (var left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("small.jpg");
        }
    }

    @Test
    void infoTellsTheNamesSizeAndFormat() {
        byte[] gif = TestImages.gif(33, 22);
        sis.upload(List.of(Upload.of("a.gif", gif), Upload.of("b.gif", gif)));

        ImageInfo info = sis.info(TestImages.md5Hex(gif).toUpperCase());

        // the analysis after the upload may or may not be there yet: V1AnalysisTest and
        // infoCarriesTheAnalysisOnceMade look at it
        assertThat(info).usingRecursiveComparison().ignoringFields("focal", "blurhash", "dominantColor")
                .isEqualTo(new ImageInfo(TestImages.md5Hex(gif), List.of("a.gif", "b.gif"), gif.length,
                        "image/gif", "gif", 33, 22, 1));
    }

    @Test
    void infoCarriesTheAnalysisOnceMade() {
        byte[] png = TestImages.png(60, 40);
        sis.upload(Upload.of("a.png", png));
        String md5 = TestImages.md5Hex(png);
        dev.sis.testing.AnalysisMade.await(server.client(), md5);

        ImageInfo info = sis.info(md5);

        assertThat(info.blurhash()).hasSize(28);
        assertThat(info.dominantColor()).matches("#[0-9a-f]{6}");
        assertThat(info.focal().x()).isBetween(0.0, 1.0);
        assertThat(info.focal().y()).isBetween(0.0, 1.0);
    }

    @Test
    void deletesOneNameThenTheWholeImage() {
        byte[] png = TestImages.png(20, 20);
        String md5 = TestImages.md5Hex(png);
        sis.upload(List.of(Upload.of("a.png", png), Upload.of("b.png", png)));

        sis.delete(ImageId.of(md5, "a.png"));
        assertThat(sis.info(md5).names()).containsExactly("b.png");
        sis.delete(ImageId.of(md5));

        assertThatThrownBy(() -> sis.info(md5)).isInstanceOf(ImageNotFoundException.class);
        assertThatThrownBy(() -> sis.delete(ImageId.of(md5))).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("404");
    }

    @Test
    void signedUrlsAreAcceptedByAServerWithTheSameKey() throws Exception {
        try (TestServer signing = TestServer.start(work, c -> ServerSettings.withSecurity(c, null, null, KEY, null));
             SisClient withKey = SisClient.builder(signing.url("")).signingKey(KEY).build();
             SisClient withoutKey = SisClient.builder(signing.url("")).build()) {
            UploadedImage stored = withoutKey.upload(Upload.of("s.png", TestImages.png(64, 48)));
            Variant variant = Variant.ofSize(32, 24).withFit(Fit.STRETCH);

            BufferedImage made = TestImages.decode(withKey.download(stored.id(), variant));
            int status = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(withKey.signedUrl(stored.id(), variant)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();

            assertThat(made.getWidth()).isEqualTo(32);
            assertThat(status).isEqualTo(200);
            assertThatThrownBy(() -> withoutKey.download(stored.id(), variant)).isInstanceOf(RefusedByBudgetException.class)
                    .hasMessageContaining("must be signed");
            assertThat(withoutKey.download(stored.id())).as("originals need no signature").isNotEmpty();
        }
    }

    @Test
    void badArgumentsFailBeforeAnythingIsSent() {
        assertThatThrownBy(() -> sis.upload(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("nothing to upload");
        assertThatThrownBy(() -> sis.info("not-an-md5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an MD5 is 32 hexadecimal digits");
        assertThatThrownBy(() -> sis.download(ImageId.parse("0123456789abcdef0123456789abcdef/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a file name must not be empty");
        assertThatThrownBy(() -> sis.upload((Upload) null)).isInstanceOf(NullPointerException.class);
    }
}
