package dev.sis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's pipelined batch: mostly thumbnails by both routes, the original once. */
class WarmUpBatchTest {
    private static final List<byte[]> READS = List.of(
            WarmUpConnection.get("/legacy-thumbnail"),
            WarmUpConnection.get("/v1-thumbnail"),
            WarmUpConnection.get("/original"));

    @Test
    void aBatchHoldsThePipelinedCountOfRequestsWithTheOriginalLast() {
        List<String> targets = targets(WarmUpTraffic.batch(READS, 0));

        assertEquals(WarmUpTraffic.PIPELINED, targets.size());
        assertEquals("/original", targets.getLast());
        assertEquals(1, targets.stream().filter("/original"::equals).count());
    }

    @Test
    void theThumbnailsAlternateFromTheConnectionsFirst() {
        List<String> fromOne = targets(WarmUpTraffic.batch(READS, 1));

        assertEquals(List.of("/v1-thumbnail", "/legacy-thumbnail", "/v1-thumbnail"), fromOne.subList(0, 3));
        long legacy = fromOne.stream().filter("/legacy-thumbnail"::equals).count();
        long v1 = fromOne.stream().filter("/v1-thumbnail"::equals).count();
        assertEquals(WarmUpTraffic.PIPELINED - 1, legacy + v1);
        assertEquals(1, Math.abs(legacy - v1), "an odd count of thumbnails splits one apart");
    }

    private static List<String> targets(byte[] batch) {
        return Arrays.stream(new String(batch, StandardCharsets.ISO_8859_1).split("\r\n\r\n"))
                .map(request -> request.substring("GET ".length(), request.indexOf(" HTTP/1.1")))
                .toList();
    }
}
