package dev.sis.http.v1;

import static dev.sis.http.v1.Answers.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Fit;
import dev.sis.image.VariantSpec;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unknown routes and the shape of every /v1 error, including failures inside the server. */
class V1ErrorsTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perClass();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /v1",
        "GET, /v1/",
        "GET, /v1/nothing",
        "GET, /v1/images",
        "GET, /v1/images/" + MD5 + "/a.png/more",
        "GET, /v1/info",
        "GET, /v1/info/" + MD5 + "/a.png",
        "POST, /v1/info/" + MD5,
        "POST, /v1/images/a.png",
        "PUT, /v1/images",
        "PATCH, /v1/images",
    })
    void anUnknownRouteUnderV1Is404Json(String method, String path) {
        HttpResponse<byte[]> response = sis.client().method(method, path, new byte[0]);

        String message = error(response, 404);

        assertThat(message).contains(path);
    }

    @Test
    void anErrorToAHeadRequestHasNoBody() {
        HttpResponse<byte[]> response = sis.client().head("/v1/images/" + MD5);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /**
     * A failure inside the store (here: a file where a variant's directory must go) is a 500
     * whose message tells nothing of the server's insides.
     */
    @Tag("server-only") // breaks the local store; through an agent that is an upstream 502 (UpstreamFailureTest)
    @Test
    void aStoreFailureIs500WithAGenericMessage() throws IOException {
        byte[] image = TestImages.png(41, 41);
        String md5 = TestImages.md5Hex(image);
        Path blocker = sis.dataDir().resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "in the way");

        String message = error(sis.client().put("/v1/images/b.png", image), 500);

        assertThat(message).doesNotContain(md5.substring(0, 2) + "/", "src", "Exception", "/tmp");
        assertThat(Answers.put(sis.server(), "c.png", TestImages.png(42, 42)).get("md5")).as("other uploads still work").isNotNull();
    }

    /** A variant that is made but cannot be kept is still served: keeping it is the store's business. */
    @Tag("server-only") // breaks the local store
    @Test
    void aVariantThatCannotBeStoredIsStillServed() throws IOException {
        String md5 = Answers.put(sis.server(), "a.png", TestImages.png(40, 40)).get("md5").textValue();
        sis.server().awaitBackgroundWrites();
        Path imageDir;
        try (Stream<Path> walk = Files.walk(sis.dataDir())) {
            imageDir = walk.filter(p -> p.getFileName().toString().equals(md5)).findFirst().orElseThrow();
        }
        Files.writeString(imageDir.resolve(new VariantSpec(20, 0, Fit.CONTAIN, null, 85).id()), "in the way");

        var answer = sis.client().get("/v1/images/" + md5 + "?w=20");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TestImages.decode(answer.body()).getWidth()).isEqualTo(20);
    }

    @Test
    void errorMessagesNameTheInputNotTheInsides() {
        String[] messages = {
            error(sis.client().get("/v1/images/xyz"), 400),
            error(sis.client().get("/v1/images/" + MD5), 404),
            error(sis.client().get("/v1/images/" + MD5 + "?w=0"), 400),
            error(sis.client().put("/v1/images/a.png", new byte[] {'G', 'I', 'F', '8', '9', 'a', 0}), 415),
            error(sis.client().put("/v1/images/" + "n".repeat(51), TestImages.png(2, 2)), 413),
        };
        assertThat(messages[0]).contains("md5");
        assertThat(messages[1]).contains(MD5);
        assertThat(messages[2]).contains("w");
        assertThat(messages[4]).contains("50");
    }
}
