package dev.sis.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.SisCommandLine;
import dev.sis.config.Preset;
import dev.sis.config.SisConfig;
import dev.sis.config.VariantFeatures;
import dev.sis.image.Watermark;
import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import dev.sis.testing.WatermarkImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sis get --preset} and {@code --wm} against a real server, run in this JVM through the command tree. */
class GetPresetAndWatermarkTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int get(TestServer server, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("get"), java.util.Arrays.stream(args))
                .toArray(String[]::new);
        return SisCommandLine.run(all, Map.of("SIS_SERVER", server.url("")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), config -> {
                    throw new AssertionError("a client command does not serve");
                });
    }

    @Test
    void getSavesThePresetOrTheWatermarkedVariant() throws Exception {
        byte[] source = WatermarkImages.greyPng(400, 300);
        String md5 = TestImages.md5Hex(source);
        try (TestServer server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(),
                c.upload(), c.image(), c.security(), c.logFormat(), c.imageEngine(), new VariantFeatures(
                List.of(new Preset("thumb", Map.of("w", "40", "h", "30", "fit", "cover"), false)), false,
                Watermark.of(WatermarkImages.halfRedMark(), "mark.png"), false)))) {
            server.client().post("/v1/images", new Multipart().file("file", "g.png", source));
            Path thumb = work.resolve("thumb.png");
            Path marked = work.resolve("marked.png");

            assertThat(get(server, md5, "--preset", "thumb", "-o", thumb.toString())).isZero();
            assertThat(get(server, md5, "--w", "200", "--wm", "1,northwest", "-o", marked.toString())).isZero();
            assertThat(get(server, md5, "--preset", "thumb", "--w", "3", "-o", "x")).isEqualTo(2);

            BufferedImage t = TestImages.decode(Files.readAllBytes(thumb));
            assertThat(List.of(t.getWidth(), t.getHeight())).containsExactly(40, 30);
            // opacity 1, northwest: the mark's opaque half is pure red at the top left (margin 3)
            int p = TestImages.decode(Files.readAllBytes(marked)).getRGB(8, 8);
            assertThat(p & 0xFFFFFF).isEqualTo(0xFF0000);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--preset names the whole variant");
        }
    }
}
