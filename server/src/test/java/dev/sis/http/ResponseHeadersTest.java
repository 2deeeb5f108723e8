package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every answer has nosniff and a request id, and none tells the server's software or version. */
class ResponseHeadersTest {
    @TempDir
    Path dataDir;

    @Test
    void noServerBannerAndNosniffEverywhere() {
        try (TestServer server = TestServer.start(dataDir)) {
            for (String path : List.of("/", "/healthz", "/v1/images/" + "0".repeat(32), "/simple_down?md5=x", "/nowhere")) {
                HttpResponse<byte[]> answer = server.client().get(path);

                assertThat(answer.headers().firstValue("Server")).as(path).isEmpty();
                assertThat(answer.headers().firstValue("X-Powered-By")).as(path).isEmpty();
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(answer.headers().firstValue("X-Request-Id")).as(path).isPresent();
            }
        }
    }
}
