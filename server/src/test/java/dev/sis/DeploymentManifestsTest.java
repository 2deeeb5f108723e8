package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sis.cli.CommandLineParser;
import dev.sis.cli.ParseResult;
import dev.sis.config.SisConfig;
import dev.sis.config.StoreConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes files run as they are ({@code kubectl apply -k deploy/k8s/<topology>}): each
 * topology is one kustomization naming every manifest and, once, the image; every container has
 * requests and limits, runs non-root on a read-only root file system with its writable folders
 * on volumes, and has probes on the port sis listens on. Its args, with the image's environment
 * (the Dockerfile's ENV) and its Secrets (created by the README's {@code kubectl create secret}
 * lines: no secret value is in the repository), are what {@code sis --check-config} accepts in
 * a JVM of the container's memory, whose heap is the launcher's share of it; and the cache,
 * which lives outside the heap, fits beside it in the memory limit.
 */
class DeploymentManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path K8S = Path.of("deploy/k8s");
    private static final long MIB = 1024 * 1024;
    /** Metaspace, code cache, thread stacks and buffers: about 150 MB for sis (docs/configuration.md#memory). */
    private static final long JVM_OWN_MEMORY = 150 * MIB;
    /** Topology folder → its kustomization. */
    private static final Map<String, JsonNode> KUSTOMIZATIONS = new LinkedHashMap<>();
    private static final List<JsonNode> DOCUMENTS = new ArrayList<>();
    /** Secret name → the keys the README's kubectl create secret line gives it. */
    private static final Map<String, Set<String>> README_SECRETS = new HashMap<>();

    @BeforeAll
    static void readManifests() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
                KUSTOMIZATIONS.put(dir.getFileName().toString(), kustomization);
                for (JsonNode resource : kustomization.path("resources")) {
                    try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(dir.resolve(resource.asText()).toFile())) {
                        docs.forEachRemaining(doc -> {
                            if (doc != null && !doc.isEmpty()) {
                                DOCUMENTS.add(doc);
                            }
                        });
                    }
                }
            }
        }
        String readme = Files.readString(Path.of("README.md")).replace("\\\n", " ");
        Matcher create = Pattern.compile("kubectl create secret generic (\\S+)([^\\n]*)").matcher(readme);
        while (create.find()) {
            Matcher key = Pattern.compile("--from-literal=(\\w+)=").matcher(create.group(2));
            Set<String> keys = README_SECRETS.computeIfAbsent(create.group(1), name -> new TreeSet<>());
            while (key.find()) {
                keys.add(key.group(1));
            }
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

    private static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    @Test
    void eachTopologyIsOneKustomizationOfEveryManifestInItsFolder() throws IOException {
        assertThat(KUSTOMIZATIONS).containsOnlyKeys("s3", "server-agents");
        for (var topology : KUSTOMIZATIONS.entrySet()) {
            List<String> resources = new ArrayList<>();
            topology.getValue().path("resources").forEach(r -> resources.add(r.asText()));
            try (Stream<Path> files = Files.list(K8S.resolve(topology.getKey()))) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")))
                        .as(topology.getKey()).containsExactlyInAnyOrderElementsOf(resources);
            }
        }
        assertThat(of("Deployment")).extracting(DeploymentManifestsTest::name).containsExactlyInAnyOrder("sis", "sis-agent");
        assertThat(of("StatefulSet")).singleElement()
                .satisfies(s -> assertThat(s.path("spec").path("volumeClaimTemplates")).isNotEmpty());
        assertThat(of("HorizontalPodAutoscaler")).hasSize(2);
    }

    @Test
    void theImageIsNamedOnceInEachKustomization() {
        for (var topology : KUSTOMIZATIONS.entrySet()) {
            JsonNode images = topology.getValue().path("images");
            assertThat(images).as(topology.getKey()).hasSize(1);
            assertThat(images.get(0).path("name").asText()).isEqualTo("sis");
            assertThat(images.get(0).path("newTag").asText()).isNotBlank().isNotEqualTo("latest");
        }
        for (JsonNode workload : workloads()) {
            for (JsonNode container : containers(workload)) {
                assertThat(container.path("image").asText()).as(name(workload) + ": the name images: replaces").isEqualTo("sis");
            }
        }
    }

    @Test
    void noSecretValueIsInTheRepositoryAndTheReadmeCreatesEverySecretUsed() {
        assertThat(of("Secret")).isEmpty();
        for (JsonNode workload : workloads()) {
            for (JsonNode container : containers(workload)) {
                for (JsonNode from : container.path("envFrom")) {
                    String secret = from.path("secretRef").path("name").asText();
                    assertThat(README_SECRETS).as("README: kubectl create secret generic " + secret).containsKey(secret);
                    assertThat(README_SECRETS.get(secret)).isNotEmpty();
                }
            }
        }
    }

    @Test
    void everyContainerHasRequestsAndLimitsAndRunsLockedDown() {
        for (JsonNode workload : workloads()) {
            JsonNode pod = workload.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name(workload)).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt()).as(name(workload)).isPositive();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            for (JsonNode container : containers(workload)) {
                String where = name(workload) + "/" + container.path("name").asText();
                for (String kind : List.of("requests", "limits")) {
                    assertThat(container.path("resources").path(kind).path("cpu").asText()).as(where + " " + kind).isNotBlank();
                    assertThat(container.path("resources").path(kind).path("memory").asText()).as(where + " " + kind).isNotBlank();
                }
                JsonNode security = container.path("securityContext");
                assertThat(security.path("runAsNonRoot").asBoolean()).as(where).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(where).isFalse();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(where).isTrue();
                assertThat(security.path("capabilities").path("drop").toString()).as(where).contains("\"ALL\"");
                assertThat(mountedVolume(workload, container, Path.of("/tmp"))).as(where + ": /tmp on an emptyDir")
                        .isEqualTo("emptyDir");
            }
        }
    }

    @Test
    void everyContainerStartsWithItsFlagsInItsMemoryAndIsProbedAndStoppedAsItListens() throws IOException {
        Map<String, String> imageEnv = dockerfileEnv();
        int heapPercent = launcherHeapPercent();
        int containers = 0;
        for (JsonNode workload : workloads()) {
            for (JsonNode container : containers(workload)) {
                String where = name(workload) + "/" + container.path("name").asText();
                Map<String, String> env = new HashMap<>(imageEnv);
                env.putAll(manifestEnv(container));
                List<String> args = new ArrayList<>();
                container.path("args").forEach(a -> args.add(a.asText()));
                long limit = memoryBytes(container.path("resources").path("limits").path("memory").asText());
                long heap = limit * heapPercent / 100;

                ParseResult parsed = CommandLineParser.parse(args.toArray(String[]::new), env, heap);
                assertThat(parsed).as("%s: sis --check-config %s in %d MiB of heap: %s", where, args, heap / MIB, parsed)
                        .isInstanceOf(ParseResult.Run.class);
                SisConfig config = ((ParseResult.Run) parsed).config();
                // The cache lives outside the heap: it must fit beside it, with the JVM's own memory.
                assertThat(heap + config.cache().budgetBytes() + JVM_OWN_MEMORY)
                        .as("%s: heap %d MiB + cache %d MiB + the JVM's own %d MiB within the limit", where, heap / MIB,
                                config.cache().budgetBytes() / MIB, JVM_OWN_MEMORY / MIB)
                        .isLessThanOrEqualTo(limit);

                JsonNode port = container.path("ports").get(0);
                assertThat(port.path("containerPort").asInt()).as(where + " port").isEqualTo(config.server().port());
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    assertThat(container.path(probe).path("httpGet").path("port").asText()).as(where + " " + probe)
                            .isIn(port.path("name").asText(), String.valueOf(config.server().port()));
                }
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(where).isEqualTo("/readyz");
                assertThat(container.path("readinessProbe").path("timeoutSeconds").asInt(1))
                        .as(where + ": the probe waits longer than the 2 s /readyz gives an upstream or a bucket")
                        .isGreaterThan(2);
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(where).isEqualTo("/healthz");
                assertThat(workload.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong())
                        .as(where + ": the grace period outlasts --shutdown-timeout")
                        .isGreaterThan(config.server().shutdownTimeout().toSeconds());
                assertThat(mountedVolume(workload, container, writableFolder(config)))
                        .as(where + ": where it writes, " + writableFolder(config)).isIn("emptyDir", "persistentVolumeClaim");
                containers++;
            }
        }
        assertThat(containers).isEqualTo(3);
    }

    @Test
    void theImagesOwnDefaultsPassCheckConfig() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--check-config"}, dockerfileEnv(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), config -> {
                    throw new AssertionError("--check-config must not serve");
                });

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("local store, port 3333");
    }

    @Test
    void aBadArgumentWouldBeCaught() throws IOException {
        assertThat(CommandLineParser.parse(new String[] {"--store=s3://Bad_Bucket"}, dockerfileEnv(), 768 * MIB))
                .isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void disruptionBudgetsAutoscalersAndServicesPointAtWorkloadsThatExist() {
        List<String> deployments = of("Deployment").stream().map(DeploymentManifestsTest::name).toList();
        for (JsonNode hpa : of("HorizontalPodAutoscaler")) {
            assertThat(deployments).contains(hpa.path("spec").path("scaleTargetRef").path("name").asText());
        }
        assertThat(of("PodDisruptionBudget")).as("one per Deployment: the agents and the S3 instances").hasSize(2);
        for (JsonNode budget : of("PodDisruptionBudget")) {
            assertThat(budget.path("spec").path("minAvailable").asInt()).isPositive();
            assertSelectsAWorkload(name(budget), budget.path("spec").path("selector").path("matchLabels"), of("Deployment"));
        }
        for (JsonNode service : of("Service")) {
            assertSelectsAWorkload(name(service), service.path("spec").path("selector"), workloads());
        }
    }

    private static void assertSelectsAWorkload(String what, JsonNode selector, List<JsonNode> workloads) {
        Map<String, String> wanted = map(selector);
        assertThat(wanted).as(what).isNotEmpty();
        assertThat(workloads).as(what).anySatisfy(w ->
                assertThat(map(w.path("spec").path("template").path("metadata").path("labels"))).containsAllEntriesOf(wanted));
    }

    private static JsonNode containers(JsonNode workload) {
        return workload.path("spec").path("template").path("spec").path("containers");
    }

    /** Where sis writes: the spool folder (agent, S3) or the data folder (local store). */
    private static Path writableFolder(SisConfig config) {
        return switch (config.store()) {
            case StoreConfig.Local local -> local.dataDir();
            case StoreConfig.Agent agent -> agent.upstream().limits().spoolDir();
            case StoreConfig.S3 bucket -> bucket.s3().limits().spoolDir();
        };
    }

    /** The kind of volume ({@code emptyDir}, …) mounted at {@code folder} or above it; "" when none is. */
    private static String mountedVolume(JsonNode workload, JsonNode container, Path folder) {
        String volume = "";
        int deepest = -1;
        for (JsonNode mount : container.path("volumeMounts")) {
            Path at = Path.of(mount.path("mountPath").asText());
            if (folder.toAbsolutePath().startsWith(at) && at.getNameCount() > deepest && folder.isAbsolute()) {
                deepest = at.getNameCount();
                volume = mount.path("name").asText();
            }
        }
        for (JsonNode v : workload.path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                return v.has("emptyDir") ? "emptyDir" : v.has("persistentVolumeClaim") ? "persistentVolumeClaim" : "other";
            }
        }
        for (JsonNode claim : workload.path("spec").path("volumeClaimTemplates")) {
            if (name(claim).equals(volume)) {
                return "persistentVolumeClaim";
            }
        }
        return "";
    }

    /** The container's variables: literal values, and every key of its Secrets with a value of its own. */
    private static Map<String, String> manifestEnv(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            for (String key : README_SECRETS.getOrDefault(from.path("secretRef").path("name").asText(), Set.of())) {
                env.put(key, HexFormat.of().formatHex((key + "-a-secret-of-its-own").getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), variable.path("value").asText());
        }
        return env;
    }

    /** Kubernetes' memory quantity (1536Mi, 2Gi) in bytes. */
    private static long memoryBytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as(quantity).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1) * MIB;
    }

    /** The share of the container's memory the launcher gives the heap (-XX:MaxRAMPercentage). */
    private static int launcherHeapPercent() throws IOException {
        Matcher m = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(Files.readString(Path.of("server/src/dist/bin/sis")));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The ENV lines of the Dockerfile, which every container of the image inherits. */
    static Map<String, String> dockerfileEnv() throws IOException {
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
}
