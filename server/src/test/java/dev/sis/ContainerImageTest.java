package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Slow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the container image is made of, read from the files that make it: {@code docker build -t
 * sis .} needs nothing but public images and the repository; the image runs bin/sis as a
 * non-root user with /data as its volume and a health check that follows the port; the
 * launcher sizes the heap from the container's memory unless told otherwise. The image itself
 * is built and run by {@code deploy/build-image.sh} (root, podman), by hand.
 */
@Slow
class ContainerImageTest {
    private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)(?: AS (\\w+))?$");

    private static String dockerfile() throws IOException {
        return Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
    }

    /** The value of the last instruction {@code name} of the Dockerfile. */
    private static String instruction(String dockerfile, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (.*)$").matcher(dockerfile);
        String last = null;
        while (m.find()) {
            last = m.group(1).trim();
        }
        assertThat(last).as(name).isNotNull();
        return last;
    }

    @Test
    void theBuildNeedsOnlyPublicImagesAndTheRepository() throws IOException {
        String dockerfile = dockerfile();
        List<String> stages = new ArrayList<>();
        Matcher from = FROM.matcher(dockerfile);
        while (from.find()) {
            stages.add(from.group(1) + (from.group(2) == null ? "" : " AS " + from.group(2)));
        }

        assertThat(stages).containsExactly("eclipse-temurin:25-jdk AS build", "debian:bookworm-slim");
        assertThat(dockerfile).containsPattern("RUN \\./mvnw -B [^\\n]*-DskipTests package -Pdist")
                .contains("COPY --from=build ")
                .containsPattern("apt-get install -y --no-install-recommends [^\\n]*libvips42")
                .doesNotContain("localhost/");
    }

    @Test
    void theImageRunsTheLauncherAsANonRootUserWithDataAsItsVolume() throws IOException {
        String dockerfile = dockerfile();
        Map<String, String> env = DeploymentManifestsTest.dockerfileEnv();

        assertThat(instruction(dockerfile, "USER")).matches("[1-9]\\d*:[1-9]\\d*");
        assertThat(instruction(dockerfile, "VOLUME")).isEqualTo("/data");
        assertThat(env).containsEntry("SIS_STORE", "file:/data");
        assertThat(instruction(dockerfile, "EXPOSE")).isEqualTo(env.get("SIS_PORT"));
        assertThat(instruction(dockerfile, "ENTRYPOINT")).isEqualTo("[\"/opt/sis/bin/sis\"]");
        assertThat(instruction(dockerfile, "CMD")).isEqualTo("[]");
    }

    @Test
    void theHealthCheckIsTheScriptThatReadsThePortSisWasGiven() throws IOException {
        String dockerfile = dockerfile();
        Matcher check = Pattern.compile("CMD \\[\"(\\S+)\"]").matcher(instruction(dockerfile, "HEALTHCHECK"));
        assertThat(check.find()).isTrue();
        Matcher copy = Pattern.compile("(?m)^COPY (\\S+) " + Pattern.quote(check.group(1)) + "$").matcher(dockerfile);
        assertThat(copy.find()).as("the health check is copied from the repository").isTrue();

        Path script = Path.of(copy.group(1));
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Files.readString(script)).contains("/proc/", "-port=*", "SIS_PORT=", "/healthz");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndKeepsWhatTheBuildNeeds() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertThat(ignored).contains(".git", "**/target");
        assertThat(ignored).doesNotContain("mvnw", ".mvn", "pom.xml", "server", "client", "deploy", "*");
    }

    @Test
    void theCheckScriptBuildsTheUnchangedDockerfileAndRunsTheImagesFilesAsItsUser() throws IOException {
        String script = Files.readString(Path.of("deploy/build-image.sh"));

        assertThat(script).containsPattern("podman build --isolation=chroot --format docker [^\\n]*-t \"\\$tag\" \\.\\n")
                .contains("podman export", "chroot --userspec=10001:10001", "image engine: *vips", "/opt/sis/bin/healthcheck")
                .contains("debootstrap", "podman pull");
    }

    @Test
    void theBuildEndsWithATrainingRunThatWritesTheAotCacheTheLauncherUses() throws IOException {
        String dockerfile = dockerfile();
        Matcher training = Pattern.compile("(?m)^RUN --mount=type=bind,from=build,source=(\\S+),target=(\\S+) +(\\S+)"
                + "/train-aot\\.sh \\S+ (\\S+)").matcher(dockerfile);
        assertThat(training.find()).as("a RUN of train-aot.sh").isTrue();

        assertThat(training.group(4)).isEqualTo("/opt/sis/lib/sis.aot");
        assertThat(dockerfile.indexOf("COPY --from=build /out/sis/ /opt/sis/")).isLessThan(training.start());
        assertThat(dockerfile.substring(0, dockerfile.indexOf("FROM debian")))
                .contains("cp deploy/container/train-aot.sh " + training.group(1));
        assertThat(Files.isExecutable(Path.of("deploy/container/train-aot.sh"))).isTrue();
        assertThat(Files.readString(Path.of("server/src/dist/bin/sis"))).contains("$home/lib/sis.aot");
        assertThat(Files.readString(Path.of("deploy/build-image.sh"))).contains("Opened AOT cache /opt/sis/lib/sis.aot");
    }

    @Test
    void theLauncherGivesTheHeapHalfTheMemoryUnlessTheOptionsSizeIt(@TempDir Path home) throws Exception {
        Path java = home.resolve("runtime/bin/java");
        Files.createDirectories(java.getParent());
        Files.createDirectories(home.resolve("bin"));
        // Answers as a Java 25 would when asked its version, else prints what it was given.
        Files.writeString(java, """
                #!/bin/sh
                case "$*" in *-version*) echo 'openjdk version "25"'; echo '    java.specification.version = 25' ;; esac
                echo "ARGS $*"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(Path.of("server/src/dist/bin/sis"), home.resolve("bin/sis"));

        assertThat(launch(home, Map.of())).startsWith("-XX:MaxRAMPercentage=50 ").endsWith("sis.jar -port 4444");
        assertThat(launch(home, Map.of("SIS_JAVA_OPTS", "-Xmx300m"))).startsWith("-Xmx300m -jar ");
        assertThat(launch(home, Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=70"))).doesNotContain("MaxRAMPercentage=50");
        assertThat(launch(home, Map.of("SIS_JAVA_OPTS", "-Dx=1"))).startsWith("-XX:MaxRAMPercentage=50 -Dx=1 ");
    }

    /** What bin/sis passes to java, from its "ARGS" line. */
    private static String launch(Path home, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/sis").toString(), "-port", "4444");
        builder.environment().remove("SIS_JAVA_OPTS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(env);
        Process launcher = builder.redirectErrorStream(true).start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher args = Pattern.compile("(?m)^ARGS (.*)$").matcher(output);
        String last = null;
        while (args.find()) {
            last = args.group(1);
        }
        assertThat(last).as(output).isNotNull();
        return last.replace(home.toRealPath() + "/lib/", "");
    }
}
