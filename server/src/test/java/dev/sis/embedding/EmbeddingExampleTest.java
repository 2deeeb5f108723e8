package dev.sis.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sis.SisServer;
import dev.sis.testing.TestImages;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/clients.md, run as a host program's test would run it, from another
 * package than sis's own; {@code EmbeddingDocTest} checks that the page shows this code.
 */
class EmbeddingExampleTest {
    @TempDir
    Path images;

    @Test
    void uploadsAPhotoAndGetsAThumbnail() throws Exception {
        byte[] photo = TestImages.jpeg(640, 480);
        // example:start
        try (SisServer sis = SisServer.start("-port", "0", "-host", "127.0.0.1", "-image", images.toString());
             HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> upload = http.send(
                    HttpRequest.newBuilder(sis.uri().resolve("/v1/images/cat.jpg"))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, upload.statusCode(), upload.body());

            // sis keeps a file under the MD5 of its bytes
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(photo));
            HttpResponse<byte[]> thumbnail = http.send(
                    HttpRequest.newBuilder(sis.uri().resolve("/v1/images/" + md5 + "?w=200&format=png")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, thumbnail.statusCode());
            assertEquals("image/png", thumbnail.headers().firstValue("Content-Type").orElseThrow());
        } // stopped: port, threads and files released
        // example:end
    }
}
