package dev.sis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.testing.Slow;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded server in a JVM of its own ({@link Program}), on the class path a program that
 * depends on {@code dev.sis:sis} gets: it changes nothing that belongs to the host (shutdown
 * hooks, system properties, {@code java.util.logging}), and once it is stopped the JVM exits
 * when {@code main} returns, without {@link System#exit}.
 */
@Slow
class EmbeddedExitTest {
    /** A bound for a hang, not a measure: the program takes a second or two. */
    private static final long EXIT_BOUND_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void theHostKeepsItsSettingsAndItsJvmExitsOnceTheServerIsStopped() throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process program = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Only to count the shutdown hooks, which the JDK keeps in a private field.
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", withoutOptionalLogging(System.getProperty("java.class.path")), Program.class.getName(),
                dir.resolve("data").toString())
                .redirectError(stderr.toFile())
                .start();
        program.getOutputStream().close();

        boolean exited = program.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            program.destroyForcibly();
        }
        String out = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String why = out + Files.readString(stderr);
        assertThat(exited).as("the JVM exits by itself once main returns; output:%n%s", why).isTrue();
        assertThat(program.exitValue()).as(why).isZero();
        assertThat(out.lines().toList()).as(why).containsExactly(
                "healthz: 200",
                "shutdown hooks added: 0",
                "system properties changed: false",
                "java.util.logging handlers changed: false",
                "stopped: true");
    }

    /**
     * The class path of a program that depends on {@code dev.sis:sis}: Logback and
     * {@code jul-to-slf4j} are optional dependencies (only {@code java -jar} needs them), so
     * Maven does not give them to it.
     */
    private static String withoutOptionalLogging(String classPath) {
        String separator = System.getProperty("path.separator");
        return Arrays.stream(classPath.split(separator))
                .filter(entry -> !entry.contains("/ch/qos/logback/") && !entry.contains("/org/slf4j/jul-to-slf4j/"))
                .collect(Collectors.joining(separator));
    }

    /** The host program: starts sis, asks it something, looks at the JVM, stops it, returns. */
    static final class Program {
        public static void main(String[] args) throws Exception {
            // What the JDK and Jetty do once per JVM, on first use, whoever uses them: the JUL
            // log manager adds its shutdown hook, the default time zone sets user.timezone, and
            // Jetty's version class sets jetty.git.hash. Done first, so the counts are sis's own.
            List<Handler> handlers = List.of(Logger.getLogger("").getHandlers());
            TimeZone.getDefault();
            Class.forName("org.eclipse.jetty.util.Jetty");
            int hooks = shutdownHooks();
            Properties properties = (Properties) System.getProperties().clone();
            SisServer sis = SisServer.start("-port", "0", "-host", "127.0.0.1", "-image", args[0]);
            try (sis; HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(sis.uri().resolve("/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                System.out.println("healthz: " + health.statusCode());
                System.out.println("shutdown hooks added: " + (shutdownHooks() - hooks));
                System.out.println("system properties changed: " + !System.getProperties().equals(properties));
                System.out.println("java.util.logging handlers changed: "
                        + !List.of(Logger.getLogger("").getHandlers()).equals(handlers));
            }
            System.out.println("stopped: " + sis.isStopped());
        }

        private static int shutdownHooks() throws IOException {
            try {
                Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
                hooks.setAccessible(true);
                synchronized (Class.forName("java.lang.ApplicationShutdownHooks")) {
                    return ((Map<?, ?>) hooks.get(null)).size();
                }
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot count the shutdown hooks", e);
            }
        }
    }
}
