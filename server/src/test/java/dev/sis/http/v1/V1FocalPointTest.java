package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Eventually;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gravity=focal}, the default {@code auto} for {@code fit=cover}, and
 * {@code PUT /v1/info/{md5}/focal}: a corrected point is used at once, and never by a stale variant.
 */
class V1FocalPointTest {
    private static final String ADMIN = "focal-admin-token-0123456789";
    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;
    @TempDir
    Path dataDir;
    private TestServer server;
    private String md5;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, ADMIN, null, Set.of(), Set.of())));
        BufferedImage image = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 300; x++) {
                image.setRGB(x, y, x < 100 ? RED : x < 200 ? 0x00FF00 : BLUE);
            }
        }
        md5 = Answers.put(server, "bands.png", TestImages.encode(image, "png")).get("md5").textValue();
        Eventually.await(Duration.ofSeconds(20), "the analysis",
                () -> Answers.json(server.client().get("/v1/info/" + md5)).has("focal"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> putFocal(String body, String... headers) {
        return server.client().put("/v1/info/" + md5 + "/focal", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private HttpResponse<byte[]> putFocal(double x, double y) {
        return putFocal("{\"x\":" + x + ",\"y\":" + y + "}", "Authorization", "Bearer " + ADMIN);
    }

    private HttpResponse<byte[]> cover(String query) {
        return server.client().get("/v1/images/" + md5 + "?w=100&h=100&fit=cover" + query);
    }

    private static int middle(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return TestImages.decode(response.body()).getRGB(50, 50) & 0xFFFFFF;
    }

    @Test
    void aCorrectedPointIsShownAndUsedByFocalAndAuto() {
        HttpResponse<byte[]> put = putFocal(0.9, 0.5);
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode focal = Answers.json(put).get("focal");
        assertThat(focal.get("x").doubleValue()).isEqualTo(0.9);
        assertThat(Answers.json(server.client().get("/v1/info/" + md5)).get("focal").get("y").doubleValue()).isEqualTo(0.5);

        assertThat(middle(cover("&gravity=focal"))).isEqualTo(BLUE);
        assertThat(middle(cover(""))).as("auto, the default for cover").isEqualTo(BLUE);
        assertThat(middle(cover("&gravity=auto"))).isEqualTo(BLUE);
        assertThat(middle(cover("&gravity=center"))).isEqualTo(0x00FF00);
    }

    /** The variant's id and ETag name the point used: after a correction, the old one is not served. */
    @Test
    void aCorrectionNeverServesAStaleVariant() {
        putFocal(0.9, 0.5);
        HttpResponse<byte[]> before = cover("&gravity=focal");
        assertThat(middle(before)).isEqualTo(BLUE);
        cover("&gravity=focal"); // cached now

        assertThat(putFocal(0.1, 0.5).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> after = cover("&gravity=focal");

        assertThat(middle(after)).isEqualTo(RED);
        assertThat(header(after, "ETag")).isNotEqualTo(header(before, "ETag"));
        assertThat(middle(cover(""))).isEqualTo(RED);
        // a client revalidating the old variant is told it changed
        HttpResponse<byte[]> revalidated = server.client().get("/v1/images/" + md5 + "?w=100&h=100&fit=cover&gravity=focal",
                "If-None-Match", header(before, "ETag"));
        assertThat(revalidated.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "{}", "[0.3,0.6]", "{\"x\":2,\"y\":0}", "{\"x\":-0.1,\"y\":0}", "{\"x\":\"0.3\",\"y\":0.6}",
            "{\"x\":0.3}", "{\"x\":0.3,\"y\":0.6,\"z\":1}", "{\"x\":null,\"y\":0.6}", "{\"x\":0.3,\"y\":0.6}}"})
    void aBadBodyIs400AndChangesNothing(String body) {
        String message = error(putFocal(body, "Authorization", "Bearer " + ADMIN), 400);
        assertThat(message).contains("\"x\"");
        assertThat(Answers.json(server.client().get("/v1/info/" + md5)).get("focal").get("x").doubleValue()).isNotEqualTo(0.3);
    }

    @Test
    void theAdminTokenIsNeededAndAnUnknownImageIs404() {
        error(putFocal("{\"x\":0.3,\"y\":0.6}"), 401);
        error(putFocal("{\"x\":0.3,\"y\":0.6}", "Authorization", "Bearer wrong"), 403);
        HttpResponse<byte[]> unknown = server.client().put("/v1/info/0123456789abcdef0123456789abcdef/focal",
                "{\"x\":0.3,\"y\":0.6}".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + ADMIN);
        error(unknown, 404);
    }

    /** sis 2.0's stretch knows no gravity: its answer is the same before and after a correction. */
    @Test
    void theLegacyRoutesAreUnchanged() {
        byte[] before = server.client().get("/stretch_simple_down?md5=" + md5 + "&w=100&h=100").body();
        putFocal(0.9, 0.5);
        assertThat(server.client().get("/stretch_simple_down?md5=" + md5 + "&w=100&h=100").body()).isEqualTo(before);
    }
}
