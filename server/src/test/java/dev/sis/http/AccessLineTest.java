package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AccessLineTest {
    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00.042Z");
    private final AccessLine line = new AccessLine(NOON, "203.0.113.9", "GET", "/v1/images/abc", 200, 1234, 1.25f, "req-1");

    @Test
    void textHasTheTimeWithItsZoneAndOneTokenPerValue() {
        assertThat(line.text(ZoneId.of("+01:00")))
                .isEqualTo("2026-12-02T13:00:00.042+01:00 203.0.113.9 GET /v1/images/abc 200 1234 1.3ms id=req-1");
        assertThat(line.text(ZoneId.of("UTC"))).startsWith("2026-12-02T12:00:00.042Z ");
    }

    @Test
    void jsonHasOneFieldPerValue() throws Exception {
        JsonNode json = new ObjectMapper().readTree(line.json(ZoneId.of("UTC")));

        assertThat(json.get("time").asText()).isEqualTo("2026-12-02T12:00:00.042Z");
        assertThat(json.get("client").asText()).isEqualTo("203.0.113.9");
        assertThat(json.get("method").asText()).isEqualTo("GET");
        assertThat(json.get("path").asText()).isEqualTo("/v1/images/abc");
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("bytes").asLong()).isEqualTo(1234);
        assertThat(json.get("ms").asDouble()).isEqualTo(1.3);
        assertThat(json.get("id").asText()).isEqualTo("req-1");
    }

    @Test
    void aClientsTextCannotBreakALineOrTheJson() throws Exception {
        AccessLine hostile = new AccessLine(NOON, "127.0.0.1", "GET", "/a b\n\"x\"\\é\u0001", 400, 0, 0.1f,
                "x\"y");

        assertThat(hostile.text(ZoneId.of("UTC")))
                .contains(" /a%20b%0A%22x%22%5C%C3%A9%01 ").doesNotContain("\n").endsWith("id=x%22y");
        JsonNode json = new ObjectMapper().readTree(hostile.json(ZoneId.of("UTC")));
        assertThat(json.get("path").asText()).isEqualTo("/a%20b%0A%22x%22%5C%C3%A9%01");
    }

    @Test
    void aMissingIdIsADashInTextAndNullInJson() throws Exception {
        AccessLine noId = new AccessLine(NOON, "127.0.0.1", "GET", "/", 400, 0, 0.1f, null);

        assertThat(noId.text(ZoneId.of("UTC"))).endsWith(" id=-");
        assertThat(new ObjectMapper().readTree(noId.json(ZoneId.of("UTC"))).get("id").isNull()).isTrue();
    }

    @Test
    void safeLeavesPrintableAsciiAloneAndEncodesSurrogatePairsAsUtf8() {
        assertThat(AccessLine.safe("/simple_down?md5=x")).isEqualTo("/simple_down?md5=x");
        assertThat(AccessLine.safe("/\uD83D\uDE00")).isEqualTo("/%F0%9F%98%80");
    }
    /** The time formatted once a second gives what the formatter gives, across seconds, zones and a DST change. */
    @Test
    void timesAreWrittenAsTheFormatterWritesThem() {
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
        Instant start = Instant.parse("2026-03-29T00:59:58.004Z"); // Paris moves its clocks at 01:00Z
        for (String zone : java.util.List.of("UTC", "Europe/Paris", "Asia/Kolkata", "America/St_Johns")) {
            for (long step = 0; step < 5000; step += 7) {
                Instant time = start.plusMillis(step * 53);
                assertThat(AccessLine.isoTime(time, ZoneId.of(zone))).as(zone + " " + time)
                        .isEqualTo(iso.format(time.atZone(ZoneId.of(zone))));
            }
        }
    }
}
