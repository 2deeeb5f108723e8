package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.SecurityConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import dev.sis.testing.S3TestServer;
import dev.sis.testing.Slow;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DELETEs while clients ask for new variants of the same image, on a real server over HTTP:
 * every DELETE answers 204 (never a 500), no variant request answers a 5xx, and once the
 * requests in flight have ended nothing of the image is left: no variant folder (local disk) or
 * object (S3) without its original. Before variant writes took the DELETE's lock, 5 of 30
 * DELETEs answered 500 ({@code DirectoryNotEmptyException}) and variant folders were left behind.
 */
@Slow
class DeleteRaceTest {
    private static final String ADMIN = "admin-token-0123456789";
    /** Rounds on the local disk (the count); S3Proxy is slower per round, so fewer there. */
    private static final int LOCAL_ROUNDS = 30;
    private static final int S3_ROUNDS = 10;
    private static final int CLIENTS = 3;

    @TempDir
    Path data;
    @TempDir
    Path s3Dir;
    @TempDir
    Path spool;

    @Test
    void onTheLocalDiskDeletesRacingNewVariantsNeverFailAndLeaveNoFolder() throws Exception {
        try (TestServer server = TestServer.startWith(withAdmin(TestServer.defaults(data)))) {
            race(server, LOCAL_ROUNDS, md5 -> {
                Path folder = data.resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
                return Files.exists(folder) ? List.of(folder.toString()) : List.of();
            });
        }
    }

    @Test
    void onS3DeletesRacingNewVariantsNeverFailAndLeaveNoObject() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(s3Dir)) {
            s3.createBucket("race");
            SisConfig defaults = TestServer.defaults(data);
            SisConfig config = new SisConfig(defaults.server(),
                    new StoreConfig.S3(s3.config("race", "sis", spool)),
                    defaults.cache(), defaults.upload(), defaults.image(), defaults.security());
            try (TestServer server = TestServer.startWith(withAdmin(config));
                 S3Client client = s3.client()) {
                race(server, S3_ROUNDS, md5 -> client.listObjectsV2Paginator(r -> r.bucket("race").prefix("sis/"))
                        .contents().stream().map(S3Object::key).filter(k -> k.contains(md5)).toList());
            }
        }
    }

    private interface Leftovers {
        List<String> of(String md5) throws IOException;
    }

    private static void race(TestServer server, int rounds, Leftovers leftovers) throws Exception {
        byte[] image = TestImages.jpeg(64, 48, 11);
        String md5 = TestImages.md5Hex(image);
        AtomicInteger size = new AtomicInteger(10);
        for (int round = 0; round < rounds; round++) {
            assertThat(server.client().put("/v1/images/race.jpg", image).statusCode()).isEqualTo(201);
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger afterDelete = new AtomicInteger();
            AtomicBoolean deleted = new AtomicBoolean();
            long madeBefore = server.app().service().variantsMade();
            List<Thread> clients = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        int w = size.incrementAndGet();
                        HttpResponse<byte[]> answer = server.client().get("/v1/images/" + md5 + "?fit=stretch&w=" + w + "&h=20");
                        statuses.add(answer.statusCode());
                        if (deleted.get()) {
                            afterDelete.incrementAndGet();
                        }
                    }
                }));
            }
            awaitAtLeast(() -> server.app().service().variantsMade() - madeBefore, 2 + round % 4);
            HttpResponse<byte[]> delete = server.client().method("DELETE", "/v1/images/" + md5, new byte[0],
                    "Authorization", "Bearer " + ADMIN);
            deleted.set(true);
            awaitAtLeast(afterDelete::get, 2 * CLIENTS);
            stop.set(true);
            for (Thread client : clients) {
                client.join();
            }

            assertThat(delete.statusCode()).as("round %d: the DELETE", round).isEqualTo(204);
            assertThat(statuses).as("round %d: the variant requests' answers", round).allMatch(s -> s == 200 || s == 404);
            assertThat(leftovers.of(md5)).as("round %d: left of the deleted image", round).isEmpty();
        }
    }

    /** Waits (at most 30 s) until {@code count} reaches {@code target}. */
    private static void awaitAtLeast(Supplier<Number> count, long target) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count.get().longValue() < target && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    private static SisConfig withAdmin(SisConfig c) {
        return new SisConfig(c.server(), c.store(), c.cache(), c.upload(), c.image(),
                new SecurityConfig(null, null, ADMIN, null, Set.of(), Set.of()));
    }
}
