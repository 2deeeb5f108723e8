package dev.sis.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at /openapi.json lists exactly the /v1 and operations routes the
 * server serves: a route added without documenting it, or documented but gone, fails here.
 */
class OpenApiCoverageTest {
    private static final Set<String> DOCUMENTED_PREFIXES = Set.of("/v1/", "/healthz", "/readyz", "/metrics", "/openapi.json");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "head", "patch", "options");

    @TempDir
    Path dataDir;

    @Test
    void theDocumentListsExactlyTheServedRoutes() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            JsonNode doc = new ObjectMapper().readTree(server.client().get("/openapi.json").body());

            Set<String> documented = new TreeSet<>();
            doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (METHODS.contains(op.getKey())) {
                    documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
            Set<String> served = new TreeSet<>();
            for (String route : server.app().routes()) {
                String path = route.substring(route.indexOf(' ') + 1);
                if (DOCUMENTED_PREFIXES.stream().anyMatch(path::startsWith)) {
                    served.add(route);
                }
            }

            assertThat(documented).as("documented but not served").isSubsetOf(served);
            assertThat(served).as("served but not documented").isSubsetOf(documented);
            assertThat(doc.get("openapi").asText()).startsWith("3.");
        }
    }

    @Test
    void everyDocumentedOperationHasResponses() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            JsonNode doc = new ObjectMapper().readTree(server.client().get("/openapi.json").body());
            List<String> missing = new ArrayList<>();
            doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (METHODS.contains(op.getKey()) && !op.getValue().has("responses")) {
                    missing.add(op.getKey() + " " + path.getKey());
                }
            }));
            assertThat(missing).isEmpty();
        }
    }

    /** Every geometry and effect parameter the parser reads is documented on each variant operation. */
    @Test
    void everyTransformParameterIsDocumentedOnEveryVariantOperation() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            JsonNode doc = new ObjectMapper().readTree(server.client().get("/openapi.json").body());
            for (String path : List.of("/v1/images/{md5}", "/v1/images/{md5}/{name}")) {
                for (String method : List.of("get", "head")) {
                    Set<String> names = new TreeSet<>();
                    for (JsonNode parameter : doc.get("paths").get(path).get(method).get("parameters")) {
                        JsonNode resolved = parameter.has("$ref")
                                ? doc.at(parameter.get("$ref").asText().substring(1)) : parameter;
                        names.add(resolved.get("name").asText());
                    }
                    assertThat(names).as("%s %s", method, path).containsAll(TransformParams.NAMES);
                }
            }
        }
    }
}
