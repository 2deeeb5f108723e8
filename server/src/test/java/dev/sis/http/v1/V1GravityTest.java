package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static dev.sis.http.v1.Answers.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.security.UrlSigner;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gravity} and {@code fp} on {@code GET /v1/images/…}: where a cover crop sits, and what is refused. */
class V1GravityTest {
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** 300×100: red, green, blue bands of 100 pixels. */
    private String uploadBands() {
        BufferedImage image = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 300; x++) {
                image.setRGB(x, y, x < 100 ? 0xFF0000 : x < 200 ? 0x00FF00 : 0x0000FF);
            }
        }
        if (server == null) {
            server = TestServer.start(dataDir);
        }
        return Answers.put(server, "bands.png", TestImages.encode(image, "png")).get("md5").textValue();
    }

    private int middleColour(String md5, String query) {
        HttpResponse<byte[]> response = server.client().get("/v1/images/" + md5 + "?w=100&h=100&fit=cover&" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        return TestImages.decode(response.body()).getRGB(50, 50) & 0xFFFFFF;
    }

    @Test
    void gravityAndAPointChooseTheBandKept() {
        String md5 = uploadBands();
        assertThat(middleColour(md5, "gravity=west")).isEqualTo(0xFF0000);
        assertThat(middleColour(md5, "gravity=center")).isEqualTo(0x00FF00);
        assertThat(middleColour(md5, "gravity=southeast")).isEqualTo(0x0000FF);
        assertThat(middleColour(md5, "fp=0.9,0.5")).isEqualTo(0x0000FF);
        // asked again: the cached answer is the same
        assertThat(middleColour(md5, "fp=0.9,0.5")).isEqualTo(0x0000FF);
    }

    /** A variant cropped elsewhere is another variant: its own ETag; the centre's stays as before. */
    @Test
    void eachGravityIsItsOwnVariant() {
        String md5 = uploadBands();
        String base = "/v1/images/" + md5 + "?w=100&h=100&fit=cover";
        String centre = header(server.client().get(base + "&gravity=center"), "ETag");
        assertThat(centre).as("named as before gravity existed").isEqualTo("\"" + md5 + "-w100-h100-cover-auto-q85\"");
        assertThat(header(server.client().get(base + "&gravity=east"), "ETag")).isNotEqualTo(centre);
        assertThat(header(server.client().get(base + "&fp=0.3,0.5"), "ETag"))
                .isNotEqualTo(centre).isNotEqualTo(header(server.client().get(base + "&fp=0.31,0.5"), "ETag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gravity=up", "gravity=", "gravity=CENTER", "gravity=point", "fp=2,0", "fp=x", "fp=0.5",
            "fp=0.5,0.5,0.5", "fp=-0.1,0.5", "fp=0.5,", "fp=.,.", "fp=1e-1,0", "fp=NaN,0", "gravity=north&fp=0.5,0.5"})
    void badGravityOrPointIs400NamingIt(String query) {
        String md5 = uploadBands();
        String message = error(server.client().get("/v1/images/" + md5 + "?w=100&h=100&fit=cover&" + query), 400);
        assertThat(message).containsAnyOf("gravity", "fp");
        // refused without a size too, as a bad fit is
        error(server.client().get("/v1/images/" + md5 + "?" + query), 400);
    }

    @Test
    void gravityWithAnotherFitChangesNothing() {
        String md5 = uploadBands();
        String base = "/v1/images/" + md5 + "?w=100&h=100&fit=contain";
        assertThat(header(server.client().get(base + "&gravity=east"), "ETag"))
                .isEqualTo(header(server.client().get(base), "ETag"));
    }

    @Test
    void signingCoversGravityAndPoint() {
        String key = "signing-key-0123456789";
        server = TestServer.start(dataDir, c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, null, key, Set.of("100x100"))));
        String md5 = Answers.put(server, "a.jpg", TestImages.jpeg(300, 100)).get("md5").textValue();
        String signed = new UrlSigner(key).signUrl("/v1/images/" + md5 + "?w=100&h=100&fit=cover&gravity=west");

        assertThat(server.client().get(signed).statusCode()).isEqualTo(200);
        assertThat(server.client().get(signed.replace("gravity=west", "gravity=east")).statusCode()).isEqualTo(403);
        assertThat(server.client().get(signed.replace("gravity=west", "fp=0.1,0.1")).statusCode()).isEqualTo(403);
        // --sizes still holds with a gravity
        String otherSize = new UrlSigner(key).signUrl("/v1/images/" + md5 + "?w=90&h=100&fit=cover&gravity=west");
        assertThat(server.client().get(otherSize).statusCode()).isEqualTo(403);
    }
}
