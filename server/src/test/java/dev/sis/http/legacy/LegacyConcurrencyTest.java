package dev.sis.http.legacy;

import static dev.sis.http.legacy.LegacyFixtures.entries;
import static dev.sis.http.legacy.LegacyFixtures.stagingFiles;
import static dev.sis.http.legacy.LegacyFixtures.storedFiles;
import static dev.sis.testing.TestImages.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.http.legacy.LegacyFixtures.Entry;
import dev.sis.testing.Multipart;
import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestImages;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several clients at once: same file, different files, the same stretch. */
class LegacyConcurrencyTest {
    private static final int THREADS = 8;

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    /** Runs {@code request(i)} on {@link #THREADS} threads released together; answers in thread order. */
    private static List<HttpResponse<byte[]>> together(IntFunction<HttpResponse<byte[]>> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index);
                }));
            }
            List<HttpResponse<byte[]>> responses = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    @Test
    void theSameFileUploadedByEightClientsAtOnceIsStoredOnce() throws Exception {
        byte[] jpeg = TestImages.jpeg(400, 300, 8);
        Multipart body = new Multipart().file("file", "same.jpg", jpeg);

        List<HttpResponse<byte[]>> responses = together(i -> sis.client().post("/up", body));

        for (HttpResponse<byte[]> response : responses) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(entries(response)).containsExactly(new Entry("same.jpg", md5Hex(jpeg)));
        }
        assertThat(storedFiles(sis.server())).hasSize(1);
        assertThat(stagingFiles(sis.server())).isEmpty();
        assertThat(sis.client().get("/full_down?md5=" + md5Hex(jpeg) + "&file_name=same.jpg").body()).isEqualTo(jpeg);
    }

    @Test
    void differentFilesUploadedByEightClientsAtOnceAreAllRetrievable() throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            images.add(TestImages.jpeg(300 + i, 200, 100 + i));
        }

        List<HttpResponse<byte[]>> responses = together(i ->
                sis.client().post("/up", new Multipart().file("file", "image" + i + ".jpg", images.get(i))));

        for (int i = 0; i < THREADS; i++) {
            assertThat(responses.get(i).statusCode()).isEqualTo(200);
            assertThat(entries(responses.get(i))).containsExactly(new Entry("image" + i + ".jpg", md5Hex(images.get(i))));
            assertThat(sis.client().get("/simple_down?md5=" + md5Hex(images.get(i))).body()).isEqualTo(images.get(i));
            assertThat(sis.client().get("/full_down?md5=" + md5Hex(images.get(i)) + "&file_name=image" + i + ".jpg").body())
                    .isEqualTo(images.get(i));
        }
        assertThat(storedFiles(sis.server())).hasSize(THREADS);
        assertThat(stagingFiles(sis.server())).isEmpty();
    }

    @Test
    void theSameStretchAskedByEightClientsAtOnceIsMadeOnce() throws Exception {
        byte[] png = TestImages.png(600, 400);
        assertThat(sis.client().post("/up", new Multipart().file("file", "big.png", png)).statusCode()).isEqualTo(200);
        String path = "/stretch_simple_down?md5=" + md5Hex(png) + "&w=123&h=45";

        List<HttpResponse<byte[]>> responses = together(i -> sis.client().get(path));

        byte[] first = responses.getFirst().body();
        for (HttpResponse<byte[]> response : responses) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(first);
        }
        assertThat(TestImages.decode(first).getWidth()).isEqualTo(123);
        assertThat(sis.server().app().service().variantsMade()).isEqualTo(1);
    }
}
