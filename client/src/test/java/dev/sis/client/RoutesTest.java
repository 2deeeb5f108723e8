package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private final Routes v1 = Routes.of(ApiMode.V1);
    private final Routes legacy = Routes.of(ApiMode.LEGACY);

    @Test
    void v1PathsEncodeTheNameAsOneSegment() {
        assertThat(v1.download(ImageId.of(MD5), null)).isEqualTo("/v1/images/" + MD5);
        assertThat(v1.download(ImageId.of(MD5, "a b+c?#.jpg"), Variant.ofWidth(10).withFit(Fit.INSIDE)))
                .isEqualTo("/v1/images/" + MD5 + "/a%20b%2Bc%3F%23.jpg?w=10&fit=inside");
        assertThat(v1.info(MD5.toUpperCase())).isEqualTo("/v1/info/" + MD5);
        assertThat(v1.delete(ImageId.of(MD5, "猫.jpg"))).isEqualTo("/v1/images/" + MD5 + "/%E7%8C%AB.jpg");
        assertThat(v1.upload()).isEqualTo("/v1/images");
    }

    @Test
    void legacyPathsAreTheFourDownloadRoutes() {
        Variant stretch = Variant.ofSize(40, 30).withFit(Fit.STRETCH);
        assertThat(legacy.download(ImageId.of(MD5), null)).isEqualTo("/simple_down?md5=" + MD5);
        assertThat(legacy.download(ImageId.of(MD5, "a b.jpg"), null)).isEqualTo("/full_down?md5=" + MD5 + "&file_name=a%20b.jpg");
        assertThat(legacy.download(ImageId.of(MD5), stretch)).isEqualTo("/stretch_simple_down?md5=" + MD5 + "&w=40&h=30");
        assertThat(legacy.download(ImageId.of(MD5, "c.png"), stretch))
                .isEqualTo("/stretch_full_down?md5=" + MD5 + "&file_name=c.png&w=40&h=30");
        assertThat(legacy.upload()).isEqualTo("/up");
    }

    @Test
    void legacyRefusesWhatSis20CannotDo() {
        ImageId id = ImageId.of(MD5);
        assertThatThrownBy(() -> legacy.info(MD5)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("no info");
        assertThatThrownBy(() -> legacy.delete(id)).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("cannot delete");
        for (Variant v : new Variant[] {Variant.ofSize(40, 30), Variant.ofWidth(40).withFit(Fit.STRETCH),
                Variant.ofSize(4, 30).withFit(Fit.STRETCH), Variant.ofSize(40, 30).withFit(Fit.STRETCH).withQuality(90),
                Variant.ofSize(40, 30).withFit(Fit.STRETCH).withFormat(Format.PNG)}) {
            assertThatThrownBy(() -> legacy.download(id, v)).as(v.toString())
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("only exact stretches");
        }
    }

    @Test
    void uploadAnswersOfBothApisAreRead() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(v1.uploaded(json.readTree("{\"images\":[{\"name\":\"a.jpg\",\"md5\":\"" + MD5 + "\",\"size\":10,"
                + "\"contentType\":\"image/jpeg\",\"width\":4,\"height\":3,\"url\":\"/v1/images/x\"},"
                + "{\"name\":\"b.bin\",\"md5\":\"" + MD5 + "\",\"size\":2,\"contentType\":\"application/octet-stream\","
                + "\"width\":null,\"height\":null}]}")))
                .containsExactly(new UploadedImage("a.jpg", MD5, 10L, "image/jpeg", 4, 3),
                        new UploadedImage("b.bin", MD5, 2L, "application/octet-stream", null, null));
        assertThat(legacy.uploaded(json.readTree("[{\"Name\":\"a.jpg\",\"MD5\":\"" + MD5 + "\"}]")))
                .containsExactly(new UploadedImage("a.jpg", MD5, null, null, null, null));
    }
}
