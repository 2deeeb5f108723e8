package dev.sis.http.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code --upload-token}, /up needs it, as {@code ?token=} (forms, old clients) or a Bearer header. */
class LegacyUploadTokenTest {
    private static final String TOKEN = "upload-token-0123456789";

    private final byte[] image = TestImages.png(20, 20);

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest(c -> new SisConfig(c.server(), c.store(), c.cache(), c.upload(),
                c.image(),
                new SecurityConfig(null, TOKEN, null)));

    @Test
    void withoutTheTokenAnUploadIs401WithCorsAndNothingIsStored() {
        HttpResponse<byte[]> answer = sis.client().post("/up", new Multipart().file("f", "a.png", image));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(TestClient.text(answer)).contains("upload token");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(sis.client().get("/simple_down?md5=" + TestImages.md5Hex(image)).statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongTokenIs401() {
        HttpResponse<byte[]> answer = sis.client().post("/up?token=wrong-token-0123456789",
                new Multipart().file("f", "a.png", image));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(TestClient.text(answer)).isEqualTo("the upload token is wrong");
    }

    @Test
    void theTokenInTheQueryOrAHeaderIsAccepted() {
        assertThat(sis.client().post("/up?token=" + TOKEN, new Multipart().file("f", "a.png", image)).statusCode())
                .isEqualTo(200);
        assertThat(sis.client().post("/up", new Multipart().file("f", "b.png", image),
                "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void downloadsNeedNoToken() {
        sis.client().post("/up?token=" + TOKEN, new Multipart().file("f", "a.png", image));

        assertThat(sis.client().get("/simple_down?md5=" + TestImages.md5Hex(image)).body()).isEqualTo(image);
    }
}
