package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTest {
    @Test
    void partsFollowEachOtherWithTheirNamesAndTheBodyKnowsItsLength(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("from disk.jpg"), new byte[] {1, 2, 3});
        MultipartBody body = new MultipartBody(List.of(Upload.of(file), Upload.of("猫.png", new byte[] {4, 5})));
        String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + 9);

        byte[] bytes = drain(body.publisher());

        String expected = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"from disk.jpg\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0001\u0002\u0003\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"猫.png\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0004\u0005\r\n"
                + "--" + boundary + "--\r\n";
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(body.publisher().contentLength()).isEqualTo(bytes.length);
        assertThat(body.contentType()).startsWith("multipart/form-data; boundary=sis-client-");
    }

    @Test
    void aStreamPartHasNoKnownLengthAndIsClosedOnceRead() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        ByteArrayInputStream stream = new ByteArrayInputStream(new byte[] {7}) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        MultipartBody body = new MultipartBody(List.of(Upload.of("s.gif", stream)));

        assertThat(body.publisher().contentLength()).isEqualTo(-1);
        assertThat(new String(drain(body.publisher()), StandardCharsets.ISO_8859_1)).contains("\r\n\r\n\u0007\r\n--");
        assertThat(closed).isTrue();
    }

    @Test
    void aNameAQuotedStringCannotCarryGoesAsAnExtendedParameter() {
        assertThat(MultipartBody.fileNameParameter("say \"hi\".jpg")).isEqualTo("filename*=UTF-8''say%20%22hi%22.jpg");
        assertThat(MultipartBody.fileNameParameter("plain.jpg")).isEqualTo("filename=\"plain.jpg\"");
    }

    @Test
    void uploadsRefuseBadNamesAndMissingFiles(@TempDir Path dir) {
        assertThatThrownBy(() -> Upload.of("", new byte[0])).hasMessage("a file name must not be empty");
        assertThatThrownBy(() -> Upload.of("../x.jpg", new byte[0])).hasMessageStartingWith("a file name must not contain /");
        assertThatThrownBy(() -> Upload.of(null, new byte[0])).hasMessage("a file name must not be empty");
        assertThatThrownBy(() -> Upload.of("a.jpg", (byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Upload.of(dir.resolve("missing.jpg"))).hasMessageStartingWith("not a readable file:");
        assertThatThrownBy(() -> Upload.of(dir)).hasMessageStartingWith("not a readable file:");
    }

    /** Everything a publisher sends, as an HTTP client would take it. */
    static byte[] drain(BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get();
        return out.toByteArray();
    }
}
