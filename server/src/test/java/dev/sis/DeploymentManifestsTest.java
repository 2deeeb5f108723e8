package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every container in {@code deploy/k8s} starts: its args, with the image's environment (the
 * Dockerfile's ENV) and the manifest's (literal values and Secrets), pass
 * {@code sis --check-config}; its port and probes match what sis serves; autoscalers and
 * services point at workloads that exist.
 */
class DeploymentManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();
    private static final Map<String, Map<String, String>> SECRETS = new HashMap<>();

    @BeforeAll
    static void readManifests() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
                    docs.forEachRemaining(doc -> {
                        if (doc != null && !doc.isEmpty()) {
                            DOCUMENTS.add(doc);
                        }
                    });
                }
            }
        }
        for (JsonNode doc : of("Secret")) {
            Map<String, String> data = new LinkedHashMap<>();
            doc.path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            SECRETS.put(doc.path("metadata").path("name").asText(), data);
        }
    }

    private static List<JsonNode> of(String kind) {
        return DOCUMENTS.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static List<JsonNode> workloads() {
        List<JsonNode> all = new ArrayList<>(of("Deployment"));
        all.addAll(of("StatefulSet"));
        return all;
    }

    @Test
    void theTopologiesAreAllThere() {
        assertThat(of("Deployment")).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("sis", "sis-agent");
        assertThat(of("StatefulSet")).singleElement()
                .satisfies(s -> assertThat(s.path("spec").path("volumeClaimTemplates")).isNotEmpty());
        assertThat(of("HorizontalPodAutoscaler")).hasSize(2);
        assertThat(SECRETS).containsKeys("sis-s3", "sis-internal");
    }

    @Test
    void everyContainersArgsAndEnvironmentPassCheckConfig() throws IOException {
        Map<String, String> imageEnv = dockerfileEnv();
        assertThat(checkConfig(List.of(), imageEnv)).as("the image's own defaults").contains("local store, port 3333");
        int containers = 0;
        for (JsonNode workload : workloads()) {
            for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
                String where = workload.path("metadata").path("name").asText() + "/" + container.path("name").asText();
                Map<String, String> env = new HashMap<>(imageEnv);
                env.putAll(manifestEnv(container));
                List<String> args = new ArrayList<>();
                container.path("args").forEach(a -> args.add(a.asText()));

                String verdict = checkConfig(args, env);
                Matcher port = Pattern.compile("port (\\d+)").matcher(verdict);
                assertThat(port.find()).as(where + ": " + verdict).isTrue();
                assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(where + " port")
                        .isEqualTo(Integer.parseInt(port.group(1)));
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(where).isEqualTo("/readyz");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(where).isEqualTo("/healthz");
                containers++;
            }
        }
        assertThat(containers).isEqualTo(3);
    }

    @Test
    void aBadArgumentWouldBeCaught() throws IOException {
        assertThat(run(List.of("--store=s3://Bad_Bucket"), dockerfileEnv())).isEqualTo(2);
    }

    @Test
    void autoscalersAndServicesPointAtWorkloadsThatExist() {
        List<String> deployments = of("Deployment").stream().map(d -> d.path("metadata").path("name").asText()).toList();
        for (JsonNode hpa : of("HorizontalPodAutoscaler")) {
            assertThat(deployments).contains(hpa.path("spec").path("scaleTargetRef").path("name").asText());
        }
        for (JsonNode service : of("Service")) {
            Map<String, String> selector = new HashMap<>();
            service.path("spec").path("selector").fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
            assertThat(workloads()).as(service.path("metadata").path("name").asText()).anySatisfy(w -> {
                Map<String, String> labels = new HashMap<>();
                w.path("spec").path("template").path("metadata").path("labels").fields()
                        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                assertThat(labels).containsAllEntriesOf(selector);
            });
        }
    }

    /** The container's variables: literal values, single keys of Secrets, and whole Secrets. */
    private static Map<String, String> manifestEnv(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String secret = from.path("secretRef").path("name").asText();
            assertThat(SECRETS).as("Secret " + secret).containsKey(secret);
            env.putAll(SECRETS.get(secret));
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
            env.put(variable.path("name").asText(), ref.isMissingNode() ? variable.path("value").asText()
                    : SECRETS.get(ref.path("name").asText()).get(ref.path("key").asText()));
        }
        return env;
    }

    /** The ENV lines of the Dockerfile, which every container of the image inherits. */
    private static Map<String, String> dockerfileEnv() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
        Map<String, String> env = new HashMap<>();
        for (String line : dockerfile.lines().filter(l -> l.startsWith("ENV ")).toList()) {
            Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher(line.substring(4));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2));
            }
        }
        assertThat(env).containsKey("SIS_STORE");
        return env;
    }

    private static String checkConfig(List<String> args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(args, env, out, err);
        assertThat(code).as("sis --check-config %s%n%s", args, err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int run(List<String> args, Map<String, String> env) {
        return run(args, env, new ByteArrayOutputStream(), new ByteArrayOutputStream());
    }

    private static int run(List<String> args, Map<String, String> env, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        List<String> all = new ArrayList<>(List.of("--check-config"));
        all.addAll(args);
        return Main.run(all.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), config -> {
                    throw new AssertionError("--check-config must not serve");
                });
    }
}
