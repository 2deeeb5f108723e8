package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.client.Failures.Operation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How answers become exceptions; the real server provokes each of them in the server module's SisClient tests. */
class FailuresTest {
    private static SisClientException v1(Operation op, int status, String body) {
        return Failures.fromAnswer(op, ApiMode.V1, "GET /x", status, Optional.empty(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theJsonErrorIsTheServerMessage() {
        SisClientException e = v1(Operation.ORIGINAL, 404, "{\"status\": 404, \"error\": \"no image with md5 abc\"}");

        assertThat(e).isInstanceOf(ImageNotFoundException.class).hasMessage("GET /x: 404 no image with md5 abc");
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.serverMessage()).isEqualTo("no image with md5 abc");
    }

    @Test
    void plainTextAndBrokenJsonAreKeptAsTheyAreAndLongOnesCut() {
        assertThat(v1(Operation.UPLOAD, 413, "上传文件超出50M限制\n").serverMessage()).isEqualTo("上传文件超出50M限制");
        assertThat(v1(Operation.UPLOAD, 500, "{not json").serverMessage()).isEqualTo("{not json");
        assertThat(v1(Operation.UPLOAD, 500, "{\"error\": 5}").serverMessage()).isEqualTo("{\"error\": 5}");
        assertThat(v1(Operation.UPLOAD, 500, "x".repeat(2000)).serverMessage()).hasSize(501).endsWith("…");
    }

    @Test
    void eachStatusIsItsClass() {
        assertThat(v1(Operation.UPLOAD, 401, "")).isInstanceOf(UnauthorizedException.class).hasMessage("GET /x: 401 a token is needed");
        assertThat(v1(Operation.DELETE, 403, "")).isInstanceOf(UnauthorizedException.class);
        assertThat(v1(Operation.VARIANT, 403, "")).isInstanceOfSatisfying(RefusedByBudgetException.class,
                r -> assertThat(r.reason()).isEqualTo(RefusedByBudgetException.Reason.NOT_ALLOWED));
        assertThat(v1(Operation.INFO, 404, "")).isInstanceOf(ImageNotFoundException.class);
        assertThat(v1(Operation.UPLOAD, 404, "")).isInstanceOf(ServerErrorException.class).hasMessageContaining("is this a sis server?");
        assertThat(v1(Operation.UPLOAD, 413, "")).isInstanceOf(TooLargeException.class);
        assertThat(v1(Operation.UPLOAD, 415, "")).isInstanceOf(UnsupportedImageException.class);
        assertThat(v1(Operation.UPLOAD, 400, "")).isInstanceOf(ServerErrorException.class);
        assertThat(v1(Operation.VARIANT, 422, "")).isInstanceOfSatisfying(RefusedByBudgetException.class,
                r -> assertThat(r.reason()).isEqualTo(RefusedByBudgetException.Reason.OVER_BUDGET));
        assertThat(v1(Operation.ORIGINAL, 502, "")).isInstanceOf(UpstreamFailureException.class);
        assertThat(v1(Operation.ORIGINAL, 503, "")).isInstanceOf(UpstreamFailureException.class);
        assertThat(v1(Operation.ORIGINAL, 504, "")).isInstanceOf(UpstreamFailureException.class);
        assertThat(v1(Operation.UPLOAD, 507, "")).isInstanceOf(ServerErrorException.class);
        assertThat(v1(Operation.UPLOAD, 500, "")).isInstanceOf(ServerErrorException.class).hasMessage("GET /x: 500 (no message)");
    }

    @Test
    void a503WithRetryAfterIsABusyServer() {
        SisClientException e = Failures.fromAnswer(Operation.VARIANT, ApiMode.V1, "GET /x", 503, Optional.of("3"), new byte[0]);
        SisClientException dated = Failures.fromAnswer(Operation.VARIANT, ApiMode.V1, "GET /x", 503,
                Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"), new byte[0]);

        assertThat(e).isInstanceOfSatisfying(RefusedByBudgetException.class, r -> {
            assertThat(r.reason()).isEqualTo(RefusedByBudgetException.Reason.BUSY);
            assertThat(r.retryAfter()).contains(Duration.ofSeconds(3));
        });
        assertThat(((RefusedByBudgetException) dated).retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void legacyAnswersAreReadAsSis20MeantThem() {
        SisClientException badUpload = Failures.fromAnswer(Operation.UPLOAD, ApiMode.LEGACY, "POST /up", 400, Optional.empty(),
                "不要乱来".getBytes(StandardCharsets.UTF_8));
        SisClientException emptyNotFound = Failures.fromAnswer(Operation.VARIANT, ApiMode.LEGACY, "GET /x", 404, Optional.empty(),
                new byte[0]);

        assertThat(badUpload).isInstanceOf(UnsupportedImageException.class).hasMessageContaining("不要乱来");
        assertThat(badUpload.serverMessage()).isEqualTo("不要乱来");
        assertThat(emptyNotFound).isInstanceOf(ImageNotFoundException.class).hasMessageContaining("also say 404 for a bad size");
        assertThat(emptyNotFound.serverMessage()).isEmpty();
    }

    @Test
    void noAnswerNamesTheServerAndWhy() {
        URI base = URI.create("http://127.0.0.1:9");
        ConnectionFailedException refused = Failures.noAnswer("GET /x", base, new ConnectException());
        ConnectionFailedException slow = Failures.noAnswer("GET /x", base, new HttpTimeoutException("request timed out"));
        ConnectionFailedException other = Failures.noAnswer("GET /x", base, new IOException("stream reset"));

        assertThat(refused).hasMessage("GET /x: cannot reach sis at http://127.0.0.1:9 (connection refused or the host is unreachable)");
        assertThat(refused.status()).isZero();
        assertThat(slow).hasMessageEndingWith("(no answer in time)");
        assertThat(other).hasMessageEndingWith("(stream reset)");
    }
}
