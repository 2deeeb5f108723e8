package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.CacheConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.config.UpstreamConfig;
import dev.sis.storage.ExistenceMemory;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose server stops answering (as a SIGSTOP'd process does: connections are accepted
 * and nothing comes back, here a {@link FaultyProxy} that hangs) serves what it has cached after
 * at most its check timeout, not after its upstream timeout and retries; and bytes that come from
 * the server are checked against their MD5 before they are cached or served.
 */
class AgentStoppedServerTest {
    /** Long, as in production: waiting for it (3 tries: 3 minutes) is what a cached read must not do. */
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(60);
    /** Far below the upstream timeout, far above the 500 ms check timeout: room for a loaded machine. */
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path serverData;
    @TempDir
    Path spool;

    @Test
    void cachedImagesAreServedWithoutWaitingForAStoppedServer() throws Exception {
        try (TestServer server = TestServer.startWith(TestServer.defaults(serverData));
             FaultyProxy proxy = new FaultyProxy(server.port());
             TestServer agent = TestServer.startAgent(spool, proxy.url(), c -> agentConfig(c, 100))) {
            byte[] image = TestImages.jpeg(120, 80, 21);
            String md5 = TestImages.md5Hex(image);
            assertThat(server.client().put("/v1/images/s.jpg", image).statusCode()).isEqualTo(201);
            String[] reads = {"/simple_down?md5=" + md5, "/full_down?md5=" + md5 + "&file_name=s.jpg",
                              "/v1/images/" + md5 + "?w=60", "/stretch_simple_down?md5=" + md5 + "&w=30&h=20"};
            for (String read : reads) {
                assertThat(get(agent, read).statusCode()).isEqualTo(200); // now in the agent's cache
            }
            Thread.sleep(ExistenceMemory.TTL.toMillis() + 200); // what the agent knows is no longer fresh

            proxy.fault(FaultyProxy.Fault.HANG);
            for (String read : reads) {
                HttpResponse<byte[]> answer = get(agent, read);
                assertThat(answer.statusCode()).as(read).isEqualTo(200);
                if (read.startsWith("/simple_down")) {
                    assertThat(answer.body()).isEqualTo(image);
                }
            }

            proxy.fault(FaultyProxy.Fault.NONE);
            assertThat(get(agent, "/readyz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anOriginalWhoseBytesDoNotHaveItsMd5IsNeitherCachedNorServedWhole() throws Exception {
        try (TestServer server = TestServer.startWith(TestServer.defaults(serverData));
             TestServer caching = TestServer.startAgent(spool.resolve("caching"), server.url(""), c -> agentConfig(c, 100));
             TestServer streaming = TestServer.startAgent(spool.resolve("streaming"), server.url(""), c -> agentConfig(c, 0))) {
            byte[] image = padded(TestImages.jpeg(400, 300, 22), 300 * 1024); // many chunks: streamed answers commit early
            String md5 = TestImages.md5Hex(image);
            assertThat(server.client().put("/v1/images/rot.jpg", image).statusCode()).isEqualTo(201);
            Path onDisk = serverData.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5).resolve("src/rot.jpg");
            byte[] rotten = image.clone();
            rotten[rotten.length / 2] ^= 0x20; // bit rot on the server's disk: same size, other bytes
            Files.write(onDisk, rotten);

            HttpResponse<byte[]> cached = get(caching, "/v1/images/" + md5);
            assertThat(cached.statusCode()).as("read whole before it is answered: refused").isEqualTo(502);
            assertCutOr5xx(streaming, "/simple_down?md5=" + md5);

            Files.write(onDisk, image);
            assertThat(get(caching, "/v1/images/" + md5).body()).as("nothing wrong was cached").isEqualTo(image);
            assertThat(get(streaming, "/simple_down?md5=" + md5).body()).isEqualTo(image);
        }
    }

    /**
     * Streamed as it comes from the server: the answer is cut short of its Content-Length (the
     * client's read fails), or a 5xx when the check failed before it began; never a 200 that
     * looks whole.
     */
    private static void assertCutOr5xx(TestServer agent, String path) throws InterruptedException {
        try {
            assertThat(get(agent, path).statusCode()).as("answered in full: must be a failure").isBetween(500, 599);
        } catch (IOException cutShort) {
            assertThat(cutShort).hasMessageContaining("content-length");
        }
    }

    /** {@code jpeg} followed by random bytes up to {@code size}: still a JPEG to sis. */
    private static byte[] padded(byte[] jpeg, int size) {
        byte[] bytes = java.util.Arrays.copyOf(jpeg, size);
        byte[] noise = new byte[size - jpeg.length];
        new java.util.Random(size).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, jpeg.length, noise.length);
        return bytes;
    }

    private static HttpResponse<byte[]> get(TestServer agent, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(agent.url(path))).timeout(CLIENT_PATIENCE).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException waited) {
            throw new AssertionError(path + ": no answer within " + CLIENT_PATIENCE.toSeconds()
                    + " s: the agent waited for its stopped server", waited);
        }
    }

    /** Production's timeout and retries, the default check timeout, a cache of {@code cacheMiB}. */
    private static SisConfig agentConfig(SisConfig c, int cacheMiB) {
        UpstreamConfig u = ((StoreConfig.Agent) c.store()).upstream();
        UpstreamConfig changed = new UpstreamConfig(u.baseUrl(), u.limits().with(UPSTREAM_TIMEOUT, 2));
        return new SisConfig(c.server(), new StoreConfig.Agent(changed),
                new CacheConfig(cacheMiB * 1024L * 1024, CacheConfig.CachePolicy.TINYLFU), c.upload(), c.image(), c.security());
    }
}
