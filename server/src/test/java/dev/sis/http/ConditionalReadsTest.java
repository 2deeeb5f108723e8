package dev.sis.http;

import dev.sis.storage.Folders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.SisServerExtension;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Revalidations ({@code If-None-Match}) are answered from the request alone, without the image,
 * but never for an image that is gone: the store is still asked whether it exists. Server only:
 * an agent trusts its 2-second memory of what exists, which a deletion behind its server's back
 * does not reach (see AgentRoundTripsTest for what a revalidation costs an agent).
 */
@Tag("server-only")
class ConditionalReadsTest {
    private String md5;

    @RegisterExtension
    static final SisServerExtension sis = SisServerExtension.perTest();

    @BeforeEach
    void prepare() {
        byte[] png = TestImages.png(40, 30);
        md5 = TestImages.md5Hex(png);
        assertThat(sis.client().put("/v1/images/p.png", png).statusCode()).isEqualTo(201);
        // its sidecar is written in the background: let it land before the directory is removed
        dev.sis.testing.AnalysisMade.await(sis.client(), md5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/images/{md5}", "/v1/images/{md5}/p.png", "/v1/images/{md5}?w=10",
        "/simple_down?md5={md5}", "/full_down?md5={md5}&file_name=p.png", "/stretch_simple_down?md5={md5}&w=10&h=10"})
    void aRevalidationOfAnImageThatIsGoneIs404(String template) throws IOException {
        String path = template.replace("{md5}", md5);
        HttpResponse<byte[]> first = sis.client().get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(sis.client().get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);

        removeFromDisk();

        assertThat(sis.client().get(path, "If-None-Match", etag).statusCode()).isEqualTo(404);
    }

    @Test
    void aVariantRevalidatedBeforeItWasEverMadeIsNotMade() {
        String etag = "\"" + md5 + "-w12-h0-contain-auto-q85\"";

        HttpResponse<byte[]> response = sis.client().get("/v1/images/" + md5 + "?w=12", "If-None-Match", etag);
        HttpResponse<byte[]> made = sis.client().get("/v1/images/" + md5 + "?w=12");

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(made.headers().firstValue("ETag")).as("the tag the variant has").hasValue(etag);
        assertThat(sis.server().app().service().variantsMade()).as("made once, for the plain GET").isEqualTo(1);
    }

    /** Deletes the image behind the server's back, as another node sharing the store would. */
    private void removeFromDisk() throws IOException {
        // A variant reaches the disk after its answer, an upload's analysis after its own: both
        // must have landed, or they would write into the folder while it is removed.
        sis.server().awaitBackgroundWrites();
        Path dir = sis.dataDir().resolve(md5.substring(0, 2)).resolve(md5.substring(2, 4)).resolve(md5);
        Folders.deleteRecursively(dir);
    }
}
