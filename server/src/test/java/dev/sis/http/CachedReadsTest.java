package dev.sis.http;

import dev.sis.storage.Folders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Multipart;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache hits answered early ({@link CachedReads}) are the answers the routes give: same status,
 * headers and bytes. A header the early path leaves to the routes ({@code If-Range} without a
 * range changes nothing in the answer) makes the routes answer the same request.
 */
class CachedReadsTest {
    @TempDir
    Path dataDir;

    @Test
    void anEarlyAnswerIsTheRoutesAnswer() {
        try (TestServer server = TestServer.start(dataDir)) {
            String md5 = upload(server);
            for (String path : List.of("/stretch_simple_down?md5=" + md5 + "&w=30&h=20", "/simple_down?md5=" + md5,
                    "/v1/images/" + md5 + "?w=30&h=20&fit=cover&format=webp&q=70", "/v1/images/" + md5)) {
                server.client().get(path); // made and cached

                HttpResponse<byte[]> early = server.client().get(path);
                HttpResponse<byte[]> routed = server.client().get(path, "If-Range", "\"not this one\"");

                assertThat(early.statusCode()).as(path).isEqualTo(200);
                assertThat(routed.statusCode()).as(path).isEqualTo(200);
                assertThat(headers(early)).as(path).isEqualTo(headers(routed));
                assertThat(early.body()).as(path).isEqualTo(routed.body());
            }
        }
    }

    /** The early path checks the store too: a DELETE behind this server's back is not undone by its cache. */
    @Tag("server-only") // an agent trusts what it learned of its server's store for 2 s (AgentModeTest)
    @Test
    void anImageRemovedFromTheStoreIsNotServedFromTheCache() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            String md5 = upload(server);
            String thumbnail = "/v1/images/" + md5 + "?w=30";
            assertThat(server.client().get(thumbnail).statusCode()).isEqualTo(200);
            assertThat(server.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(200);

            // The thumbnail reaches the disk after its answer, and the upload's analysis after its
            // own: both must have landed, or they would write into the folder while it is removed.
            server.awaitBackgroundWrites();
            Path imageDir = dataDir.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
            Folders.deleteRecursively(imageDir);

            assertThat(server.client().get(thumbnail).statusCode()).isEqualTo(404);
            assertThat(server.client().get("/simple_down?md5=" + md5).statusCode()).isEqualTo(404);
        }
    }

    private static String upload(TestServer server) {
        HttpResponse<byte[]> answer = server.client().post("/up", new Multipart().file("file", "a.png", TestImages.png(60, 40)));
        assertThat(answer.statusCode()).isEqualTo(200);
        return new String(answer.body()).replaceAll(".*\"MD5\":\"([0-9a-f]{32})\".*", "$1");
    }

    /** Every header but the ones that differ from answer to answer. */
    private static Map<String, List<String>> headers(HttpResponse<byte[]> answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        headers.remove("date");
        headers.remove("x-request-id");
        return headers;
    }
}
