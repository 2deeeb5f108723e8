package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients asking an agent at once for an original it has not cached yet (a popular new
 * image) cost its server one download, not one per client. The server answers through a proxy
 * that holds each answer back, so that every request arrives while the first is still waiting.
 */
class ConcurrentColdReadsTest {
    private static final int CLIENTS = 8;
    private static final Pattern ORIGINAL_GETS = Pattern.compile(
            "^http_server_requests_seconds_count\\{method=\"GET\",route=\"/internal/v1/originals/\\{md5}/\\{name}\",.*} (\\d+)$",
            Pattern.MULTILINE);

    @TempDir
    Path serverData;
    @TempDir
    Path spool;

    @Test
    void concurrentColdReadsOfOneOriginalDownloadItOnce() throws Exception {
        byte[] image = TestImages.png(64, 48);
        String md5 = TestImages.md5Hex(image);
        try (TestServer server = TestServer.start(serverData);
             FaultyProxy proxy = new FaultyProxy(server.port());
             TestServer agent = TestServer.startAgent(spool, proxy.url(), c -> c);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            assertThat(server.client().put("/v1/images/photo.png", image).statusCode()).isEqualTo(201);
            proxy.delay(300);

            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> reads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                reads.add(clients.submit(() -> {
                    start.await();
                    return agent.client().get("/v1/images/" + md5);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<byte[]>> read : reads) {
                assertThat(read.get().statusCode()).isEqualTo(200);
                assertThat(read.get().body()).isEqualTo(image);
            }
            assertThat(originalGets(server)).as("downloads of the original from the server").isEqualTo(1);
        }
    }

    private static long originalGets(TestServer server) {
        Matcher counts = ORIGINAL_GETS.matcher(TestClient.text(server.client().get("/metrics")));
        long total = 0;
        while (counts.find()) {
            total += Long.parseLong(counts.group(1));
        }
        return total;
    }
}
