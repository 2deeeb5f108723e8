package dev.sis.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.client.ImageId;
import dev.sis.client.SisClient;
import dev.sis.client.Upload;
import dev.sis.client.UploadedImage;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.ProcessRun;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code sis upload/get/info/delete} run as real processes against a real server. */
@Slow
class ClientCommandsProcessTest {
    private static final String UPLOAD = "upload-token-0123456789";
    private static final String ADMIN = "admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest(ClientCommandsProcessTest::withTokens);

    @Test
    void uploadsADirectoryOfGeneratedImagesAsOneJsonLinePerFile() throws IOException {
        Path photos = Files.createDirectories(work.resolve("photos/2026"));
        Map<String, byte[]> images = Map.of("a.jpg", TestImages.jpeg(64, 48, 1), "b.png", TestImages.png(20, 30),
                "c.gif", TestImages.gif(12, 12), "2026/d.jpg", TestImages.jpeg(30, 30, 2));
        for (var image : images.entrySet()) {
            Files.write(work.resolve("photos").resolve(image.getKey()), image.getValue());
        }
        Files.write(Files.createDirectories(work.resolve("photos/.thumbs")).resolve("x.png"), TestImages.png(5, 5));
        Files.write(photos.resolve(".DS_Store"), new byte[] {0});

        ProcessRun run = CliRun.of(work, Map.of("SIS_UPLOAD_TOKEN", UPLOAD), "upload", "--server", sis.url(""), "--parallel", "3", "photos");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> lines = run.outLines().stream().map(ClientCommandsProcessTest::json).toList();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line.has("error")).isFalse());
        assertThat(lines.stream().collect(Collectors.toMap(l -> l.get("file").asText(), l -> l.get("md5").asText())))
                .isEqualTo(images.entrySet().stream().collect(Collectors.toMap(e -> Path.of("photos", e.getKey()).toString(),
                        e -> TestImages.md5Hex(e.getValue()))));
        try (SisClient sis = client()) {
            assertThat(sis.download(ImageId.of(TestImages.md5Hex(images.get("b.png")), "b.png"))).isEqualTo(images.get("b.png"));
        }
    }

    @Test
    void aFileTheServerRefusesFailsAloneWithExitCode1() throws IOException {
        Files.write(work.resolve("ok.png"), TestImages.png(10, 10));
        Files.writeString(work.resolve("notes.txt"), "not an image");

        ProcessRun run = CliRun.of(work, Map.of("SIS_SERVER", sis.url(""), "SIS_UPLOAD_TOKEN", UPLOAD), "upload", "ok.png", "notes.txt");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Map<String, JsonNode> byFile = run.outLines().stream().map(ClientCommandsProcessTest::json)
                .collect(Collectors.toMap(l -> l.get("file").asText(), l -> l));
        assertThat(byFile.get("ok.png").get("name").asText()).isEqualTo("ok.png");
        assertThat(byFile.get("notes.txt").get("status").asInt()).isEqualTo(415);
        assertThat(byFile.get("notes.txt").get("error").asText()).contains("not an image");
    }

    @Test
    void getsAVariantOfTheRightSizeAndTheOriginalToStandardOutput() throws IOException {
        byte[] png = TestImages.png(200, 100);
        UploadedImage stored;
        try (SisClient sis = client()) {
            stored = sis.upload(Upload.of("wide.png", png));
        }

        ProcessRun variant = CliRun.of(work, Map.of(), "get", "--server", sis.url(""), stored.md5() + "/wide.png",
                "--w", "40", "--h", "30", "--fit", "cover", "--format", "jpeg", "--q", "90", "-o", "thumb.jpg");
        ProcessRun original = CliRun.of(work, Map.of("SIS_SERVER", sis.url("")), "get", stored.md5(), "-o", "-");
        ProcessRun again = CliRun.of(work, Map.of("SIS_SERVER", sis.url("")), "get", stored.md5(), "--w", "20", "-o", "thumb.jpg");
        ProcessRun forced = CliRun.of(work, Map.of("SIS_SERVER", sis.url("")), "get", stored.md5(), "--w", "20", "-o", "thumb.jpg", "--force");

        assertThat(variant.exitCode()).as(variant.toString()).isZero();
        assertThat(original.exitCode()).as(original.toString()).isZero();
        assertThat(original.stdout()).isEqualTo(png);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).contains("thumb.jpg exists", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        BufferedImage thumb = TestImages.decode(Files.readAllBytes(work.resolve("thumb.jpg")));
        assertThat(thumb.getWidth()).isEqualTo(20);
        assertThat(thumb.getHeight()).isEqualTo(10);
    }

    /** Three bands, red | green | blue: --gravity west keeps red, --fp 0.9,0.5 blue; info shows the analysis. */
    @Test
    void getAsksForAGravityOrAPointAndInfoShowsTheAnalysis() throws Exception {
        BufferedImage bands = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 300; x++) {
            for (int y = 0; y < 100; y++) {
                bands.setRGB(x, y, x < 100 ? 0xFF0000 : x < 200 ? 0x00FF00 : 0x0000FF);
            }
        }
        String md5;
        try (SisClient sis = client()) {
            md5 = sis.upload(Upload.of("bands.png", TestImages.encode(bands, "png"))).md5();
        }
        dev.sis.testing.AnalysisMade.await(sis.client(), md5);
        Map<String, String> env = Map.of("SIS_SERVER", sis.url(""));

        ProcessRun west = CliRun.of(work, env, "get", md5, "--w", "100", "--h", "100", "--fit", "cover", "--gravity", "west", "-o", "w.png");
        ProcessRun east = CliRun.of(work, env, "get", md5, "--w", "100", "--h", "100", "--fit", "cover", "--fp", "0.9,0.5", "-o", "e.png");
        ProcessRun both = CliRun.of(work, env, "get", md5, "--w", "100", "--gravity", "west", "--fp", "0.9,0.5", "-o", "x.png");
        ProcessRun info = CliRun.of(work, env, "info", md5);

        assertThat(west.exitCode()).as(west.toString()).isZero();
        assertThat(east.exitCode()).as(east.toString()).isZero();
        assertThat(TestImages.decode(Files.readAllBytes(work.resolve("w.png"))).getRGB(50, 50) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(TestImages.decode(Files.readAllBytes(work.resolve("e.png"))).getRGB(50, 50) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr()).contains("--gravity or --fp");
        JsonNode body = json(info.out());
        assertThat(body.get("blurhash").asText()).hasSize(28);
        assertThat(body.get("dominantColor").asText()).startsWith("#");
        assertThat(body.get("focal").get("x").isNumber()).isTrue();
    }

    @Test
    void getAsksForTheGeometryAndEffectsAndRefusesABadOneBeforeAsking() throws IOException {
        byte[] png = TestImages.png(200, 100);
        String md5;
        try (SisClient sis = client()) {
            md5 = sis.upload(Upload.of("wide.png", png)).md5();
        }
        Map<String, String> env = Map.of("SIS_SERVER", sis.url(""));

        // 100×50 region, turned to 50×100, fitted into 25×60 (25×50) and padded to 25×60
        ProcessRun run = CliRun.of(work, env, "get", md5, "--crop", "0,0,100,50", "--rotate", "90", "--flip", "h",
                "--w", "25", "--h", "60", "--fit", "pad", "--bg", "000000", "--sharpen", "0.5", "-o", "turned.png");
        ProcessRun bad = CliRun.of(work, env, "get", md5, "--rotate", "45", "-o", "bad.png");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        BufferedImage turned = TestImages.decode(Files.readAllBytes(work.resolve("turned.png")));
        assertThat(turned.getWidth() + "x" + turned.getHeight()).isEqualTo("25x60");
        assertThat(turned.getRGB(12, 1) & 0xFFFFFF).as("the black band").isZero();
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("rotate must be 90, 180 or 270");
        assertThat(Files.exists(work.resolve("bad.png"))).isFalse();
    }

    @Test
    void getSignsVariantUrlsWithTheSigningKeyFromTheFlagOrTheEnvironment() throws IOException {
        String key = "signing-key-for-get-0123456789";
        try (TestServer signing = TestServer.start(work.resolve("signing-data"),
                c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                        new SecurityConfig(null, null, null, key, Set.of()), c.logFormat(), c.imageEngine()))) {
            byte[] png = TestImages.png(40, 20);
            String md5 = TestImages.md5Hex(png);
            assertThat(signing.client().post("/v1/images", new dev.sis.testing.Multipart().file("file", "s.png", png))
                    .statusCode()).isEqualTo(201);
            Map<String, String> env = Map.of("SIS_SERVER", signing.url(""));

            ProcessRun unsigned = CliRun.of(work, env, "get", md5, "--w", "20", "-o", "unsigned.png");
            ProcessRun flag = CliRun.of(work, env, "get", md5, "--w", "20", "--signing-key", key, "-o", "flag.png");
            ProcessRun fromEnv = CliRun.of(work, Map.of("SIS_SERVER", signing.url(""), "SIS_SIGNING_KEY", key),
                    "get", md5, "--w", "20", "-o", "env.png");

            assertThat(unsigned.exitCode()).as(unsigned.stderr()).isEqualTo(1);
            assertThat(unsigned.stderr()).contains("403");
            assertThat(flag.exitCode()).as(flag.stderr()).isZero();
            assertThat(fromEnv.exitCode()).as(fromEnv.stderr()).isZero();
            assertThat(TestImages.decode(Files.readAllBytes(work.resolve("env.png"))).getWidth()).isEqualTo(20);
        }
    }

    @Test
    void getWritesNoFileWhenTheServerRefuses() {
        ProcessRun run = CliRun.of(work, Map.of("SIS_SERVER", sis.url("")), "get", "0123456789abcdef0123456789abcdef", "-o", "x.png");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("sis get: GET ").contains("404 no image with md5 0123456789abcdef0123456789abcdef");
        assertThat(work.resolve("x.png")).doesNotExist();
    }

    @Test
    void infoPrintsJsonAndDeleteUsesTheAdminToken() throws IOException {
        byte[] gif = TestImages.gif(16, 8);
        try (SisClient sis = client()) {
            sis.upload(List.of(Upload.of("one.gif", gif), Upload.of("two.gif", gif)));
        }
        String md5 = TestImages.md5Hex(gif);
        Map<String, String> env = Map.of("SIS_SERVER", sis.url(""));

        ProcessRun info = CliRun.of(work, env, "info", md5);
        ProcessRun wrongToken = CliRun.of(work, env, "delete", "--token", "not-the-admin-token", md5);
        ProcessRun deleteOne = CliRun.of(work, Map.of("SIS_SERVER", sis.url(""), "SIS_ADMIN_TOKEN", ADMIN), "delete", md5 + "/one.gif");
        ProcessRun after = CliRun.of(work, env, "info", md5);

        assertThat(info.exitCode()).as(info.toString()).isZero();
        JsonNode body = json(info.out());
        assertThat(body.get("names").toString()).isEqualTo("[\"one.gif\",\"two.gif\"]");
        assertThat(body.get("width").asInt()).isEqualTo(16);
        assertThat(body.get("format").asText()).isEqualTo("gif");
        assertThat(wrongToken.exitCode()).isEqualTo(1);
        assertThat(wrongToken.stderr()).contains("403", "needs the admin token");
        assertThat(deleteOne.exitCode()).as(deleteOne.toString()).isZero();
        assertThat(deleteOne.out()).isEqualTo("deleted " + md5 + "/one.gif\n");
        assertThat(json(after.out()).get("names").toString()).isEqualTo("[\"two.gif\"]");
    }

    @Test
    void aServerThatDoesNotAnswerIsNamedWithExitCode1() throws IOException {
        Files.write(work.resolve("a.png"), TestImages.png(8, 8));
        String nowhere = "http://127.0.0.1:" + closedPort();

        ProcessRun upload = CliRun.of(work, Map.of(), "upload", "--server", nowhere, "a.png");
        ProcessRun info = CliRun.of(work, Map.of("SIS_SERVER", nowhere), "info", "0123456789abcdef0123456789abcdef");

        assertThat(upload.exitCode()).isEqualTo(1);
        assertThat(json(upload.outLines().getFirst()).get("error").asText()).contains("cannot reach sis at " + nowhere);
        assertThat(info.exitCode()).isEqualTo(1);
        assertThat(info.stderr()).startsWith("sis info: ").contains("cannot reach sis at " + nowhere);
    }

    @Test
    void aMissingOrWrongUploadTokenIsSaidWithExitCode1() throws IOException {
        Files.write(work.resolve("a.png"), TestImages.png(8, 8));

        ProcessRun missing = CliRun.of(work, Map.of(), "upload", "--server", sis.url(""), "a.png");
        ProcessRun wrong = CliRun.of(work, Map.of(), "upload", "--server", sis.url(""), "--token", "wrong-token-0123456789", "a.png");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(json(missing.out()).get("error").asText()).contains("401", "needs an upload token");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(json(wrong.out()).get("error").asText()).contains("401", "the upload token is wrong");
    }

    @Test
    void legacyModeUploadsThroughUpAndStretches() throws IOException {
        Files.write(work.resolve("a.jpg"), TestImages.jpeg(50, 50, 3));
        Map<String, String> env = Map.of("SIS_SERVER", sis.url(""), "SIS_UPLOAD_TOKEN", UPLOAD);

        ProcessRun upload = CliRun.of(work, env, "upload", "--legacy", "a.jpg");
        String md5 = json(upload.out()).get("md5").asText();
        ProcessRun get = CliRun.of(work, env, "get", "--legacy", md5 + "/a.jpg", "--w", "25", "--h", "10", "--fit", "stretch", "-o", "s.jpg");
        ProcessRun notStretch = CliRun.of(work, env, "get", "--legacy", md5, "--w", "25", "-o", "t.jpg");

        assertThat(upload.exitCode()).as(upload.toString()).isZero();
        assertThat(get.exitCode()).as(get.toString()).isZero();
        BufferedImage stretched = TestImages.decode(Files.readAllBytes(work.resolve("s.jpg")));
        assertThat(stretched.getWidth()).isEqualTo(25);
        assertThat(stretched.getHeight()).isEqualTo(10);
        assertThat(notStretch.exitCode()).isEqualTo(2);
        assertThat(notStretch.stderr()).contains("sis 2.0 makes only exact stretches");
    }

    @Test
    void eachSubcommandHasHelp() {
        for (String command : List.of("upload", "get", "info", "delete")) {
            ProcessRun help = CliRun.of(work, Map.of(), command, "--help");

            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: sis " + command).contains("--server", "Exit codes:");
        }
    }

    @Test
    void aBadCommandLineIsExitCode2AndNothingIsSent() {
        ProcessRun run = CliRun.of(work, Map.of("SIS_SERVER", sis.url("")), "get", "not-an-md5", "-o", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("sis get: an MD5 is 32 hexadecimal digits, got \"not-an-md5\"\n"
                + "Run sis get --help for usage.\n");
        assertThat(work.resolve("x")).doesNotExist();
    }

    private SisClient client() {
        return SisClient.builder(sis.url("")).uploadToken(UPLOAD).build();
    }

    private static SisConfig withTokens(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, UPLOAD, ADMIN, null, Set.of()), c.logFormat(), c.imageEngine());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
