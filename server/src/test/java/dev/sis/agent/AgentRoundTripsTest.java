package dev.sis.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.TestClient;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a read through an agent costs its server, counted in requests on the server's store
 * routes (its own {@code /metrics}): each is a network round trip that an agent's reader waits for.
 */
class AgentRoundTripsTest {
    private static final Pattern INTERNAL_COUNT = Pattern.compile(
            "^http_server_requests_seconds_count\\{(.*route=\"/internal/v1/.*)} (\\d+)$", Pattern.MULTILINE);
    /** The server's and its agent's, so that the agent hands the variants it makes to the server. */
    private static final String INTERNAL_TOKEN = "round-trips-internal-token-0123";

    @TempDir
    Path serverData;
    @TempDir
    Path spool;
    private TestServer server;
    private TestServer agent;
    private byte[] image;
    private String md5;

    @BeforeEach
    void start() {
        server = TestServer.start(serverData, c -> TestServer.withInternalToken(c, INTERNAL_TOKEN));
        agent = TestServer.startAgent(spool, server);
        image = TestImages.png(64, 48);
        md5 = TestImages.md5Hex(image);
        // Stored on the server directly: the agent has never heard of it.
        assertThat(server.client().put("/v1/images/photo.png", image).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        agent.close();
        server.close();
    }

    @Test
    void aColdReadByMd5AsksForTheNamesAndTheFileOnce() {
        long before = storeRequests();

        HttpResponse<byte[]> read = agent.client().get("/v1/images/" + md5);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(image);
        assertThat(storeRequests() - before).as("names, GET").isEqualTo(2);
    }

    @Test
    void aColdReadByMd5AndNameAsksForTheFileOnce() {
        long before = storeRequests();

        HttpResponse<byte[]> read = agent.client().get("/v1/images/" + md5 + "/photo.png");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(storeRequests() - before).as("GET").isEqualTo(1);
    }

    /**
     * Cached reads check that the image still exists; by name, as by MD5 alone, a yes is
     * remembered for 2 s (ExistenceMemory.TTL). One request at most: a machine that
     * stalls for 2 s between the reads may ask once more.
     */
    @Test
    void cachedReadsByMd5AndNameInARowAskAtMostOnce() {
        String path = "/v1/images/" + md5 + "/photo.png";
        assertThat(agent.client().get(path).statusCode()).isEqualTo(200);
        long before = storeRequests();

        for (int i = 0; i < 5; i++) {
            assertThat(agent.client().get(path).statusCode()).isEqualTo(200);
            assertThat(agent.client().get("/full_down?md5=" + md5 + "&file_name=photo.png").statusCode()).isEqualTo(200);
        }

        assertThat(storeRequests() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void aReadOfAnUnknownImageAsksOnce() {
        long before = storeRequests();

        assertThat(agent.client().get("/v1/images/" + "0".repeat(32)).statusCode()).isEqualTo(404);
        assertThat(storeRequests() - before).as("names").isEqualTo(1);
    }

    @Test
    void aRevalidationOfAnOriginalOnlyAsksWhetherItStillExists() {
        String etag = agent.client().get("/v1/images/" + md5).headers().firstValue("ETag").orElseThrow();
        try (TestServer fresh = TestServer.startAgent(spool.resolve("fresh"), server)) {
            long before = storeRequests();

            HttpResponse<byte[]> again = fresh.client().get("/v1/images/" + md5 + "/photo.png", "If-None-Match", etag);

            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(storeRequests() - before).as("HEAD").isEqualTo(1);
        }
    }

    @Test
    void aRevalidationOfAVariantNeitherReadsNorMakesIt() {
        long puts = variantPuts();
        String etag = agent.client().get("/v1/images/" + md5 + "?w=16").headers().firstValue("ETag").orElseThrow();
        awaitVariantPuts(puts + 1); // handed to the server after the answer: not one of the requests counted below
        try (TestServer fresh = TestServer.startAgent(spool.resolve("fresh"), server)) {
            long before = storeRequests();

            HttpResponse<byte[]> again = fresh.client().get("/v1/images/" + md5 + "?w=16", "If-None-Match", etag);
            HttpResponse<byte[]> legacy = fresh.client().get("/stretch_simple_down?md5=" + md5 + "&w=16&h=16",
                    "If-None-Match", "\"" + md5 + "-w16-h16-stretch-auto-q100\"");

            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            assertThat(legacy.statusCode()).isEqualTo(304);
            assertThat(storeRequests() - before).as("names, remembered for the second").isEqualTo(1);
            assertThat(fresh.app().service().variantsMade()).isZero();
        }
    }

    /**
     * A variant nobody has made yet: what its reader waits for is the server's answers before the
     * agent can answer (the names, the original's bytes, the stored variant's absence); the
     * variant made is then handed to the server with one PUT, which no reader waits for. Counted
     * once the PUT has arrived: the server records a request after its answer has left, so a
     * count taken at the agent's answer may miss the last lookup.
     */
    @Test
    void aColdVariantOfAnOriginalTheAgentHasNotCachedCostsAtMostThreeRequests() {
        long before = lookups();
        long putsBefore = variantPuts();

        HttpResponse<byte[]> read = agent.client().get("/v1/images/" + md5 + "?w=16");

        assertThat(read.statusCode()).isEqualTo(200);
        awaitVariantPuts(putsBefore + 1);
        assertThat(lookups() - before).as("names, GET of the original, GET of the variant (absent)").isLessThanOrEqualTo(3);
    }

    @Test
    void aColdVariantOfAnOriginalInTheAgentsCacheCostsAtMostOneRequest() {
        assertThat(agent.client().get("/v1/images/" + md5).statusCode()).isEqualTo(200); // cached on the agent now
        long before = lookups();
        long putsBefore = variantPuts();

        HttpResponse<byte[]> read = agent.client().get("/v1/images/" + md5 + "?w=16");

        assertThat(read.statusCode()).isEqualTo(200);
        awaitVariantPuts(putsBefore + 1);
        assertThat(lookups() - before).as("GET of the variant (absent); the existence check is remembered")
                .isLessThanOrEqualTo(1);
    }

    /** Requests on the store routes other than the PUTs of variants. */
    private long lookups() {
        return storeRequests() - variantPuts();
    }

    /** Requests answered so far on the server's /internal/v1 routes, from its Prometheus page. */
    private long storeRequests() {
        return internalRequests(false);
    }

    /** Variants the agent has handed to the server so far. */
    private long variantPuts() {
        return internalRequests(true);
    }

    private long internalRequests(boolean variantPutsOnly) {
        String metrics = TestClient.text(server.client().get("/metrics"));
        Matcher counts = INTERNAL_COUNT.matcher(metrics);
        long total = 0;
        while (counts.find()) {
            boolean variantPut = counts.group(1).contains("method=\"PUT\"") && counts.group(1).contains("/variants/");
            if (!variantPutsOnly || variantPut) {
                total += Long.parseLong(counts.group(2));
            }
        }
        return total;
    }

    /** The PUT may come after the answer: waits for it, 10 s at most. */
    private void awaitVariantPuts(long count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (variantPuts() < count && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(variantPuts()).as("variants handed to the server").isEqualTo(count);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
