package dev.sis.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * sis's launchers, copied from the project into a folder of their own: {@code sis},
 * {@code mvnw} and {@code .mvn/jdk.sh} as in a checkout, and {@code dist/bin/sis} with
 * {@code dist/lib/jdk.sh} as the tarball lays them out (without its runtime). They run as real
 * shell processes in an environment the test controls: a PATH of a few basic tools (and what the
 * test adds in front), {@code HOME} in this folder, no {@code JAVA_HOME} and no search of the
 * machine's JDK folders ({@code SIS_JDK_SEARCH} empty) unless the test sets them.
 */
public final class Launchers {
    /** What the launchers call before Java runs. */
    private static final List<String> TOOLS = List.of("dirname", "readlink", "sed", "head");

    private final Path root;
    private final Path tools;

    private Launchers(Path root, Path tools) {
        this.root = root;
        this.tools = tools;
    }

    /** Copies the launchers of the project (the working directory) into {@code dir}. */
    public static Launchers copyInto(Path dir) throws IOException {
        copy(Path.of("sis"), dir.resolve("sis"));
        copy(Path.of("mvnw"), dir.resolve("mvnw"));
        copy(Path.of(".mvn/jdk.sh"), dir.resolve(".mvn/jdk.sh"));
        copy(Path.of("server/src/dist/bin/sis"), dir.resolve("dist/bin/sis"));
        copy(Path.of(".mvn/jdk.sh"), dir.resolve("dist/lib/jdk.sh"));
        return new Launchers(dir, Executables.onlyThese(dir.resolve("tools"), TOOLS));
    }

    public Path root() {
        return root;
    }

    /** A launcher by its path in this folder: {@code sis}, {@code mvnw} or {@code dist/bin/sis}. */
    public Path launcher(String name) {
        return root.resolve(name);
    }

    /**
     * Writes {@code target/sis.jar} and the tarball's {@code lib/sis.jar}: jars that run sis's
     * {@code dev.sis.Main} from this build's classes and dependencies (their {@code Class-Path}),
     * as the real jar does from the classes inside it.
     */
    public void buildJar() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "dev.sis.Main");
        main.put(new Attributes.Name("Enable-Native-Access"), "ALL-UNNAMED");
        main.put(Attributes.Name.CLASS_PATH, List.of(System.getProperty("java.class.path").split(":")).stream()
                .filter(entry -> !entry.endsWith("test-classes"))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        for (Path jar : List.of(root.resolve("target/sis.jar"), root.resolve("dist/lib/sis.jar"))) {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // The manifest is the whole jar.
            }
        }
    }

    /**
     * The command {@code launcher ARGS…} in {@code workDir}, with the controlled environment and
     * {@code env} over it; a {@code PATH} in {@code env} comes before the basic tools.
     */
    public ProcessBuilder command(Path workDir, Map<String, String> env, String launcher, String... args) {
        List<String> command = new ArrayList<>(List.of(launcher(launcher).toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new HashMap<>(Map.of("HOME", root.toString(), "SIS_JDK_SEARCH", ""));
        environment.putAll(env);
        environment.put("PATH", env.containsKey("PATH") ? env.get("PATH") + ":" + tools : tools.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs {@link #command} to its end. */
    public ProcessRun run(Path workDir, Map<String, String> env, String launcher, String... args) {
        return ProcessRun.of(command(workDir, env, launcher, args));
    }

    /**
     * A stand-in for an installed JDK of {@code version} (older than 25): its {@code java}
     * answers the question the launchers ask ({@code -XshowSettings:properties -version}) as that
     * JDK's does, and does nothing else; a real old JDK is not on every machine.
     */
    public static Path olderJdk(Path home, int version) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Executables.script(bin.resolve("java"), """
                #!/bin/sh
                printf '%%s\\n' 'Property settings:' '    java.home = %1$s' '    java.specification.version = %2$d' \
                  '    java.version = %2$d.0.15' '' 'openjdk version "%2$d.0.15" 2025-04-15' >&2
                """.formatted(home, version));
        Executables.script(bin.resolve("javac"), "#!/bin/sh\necho javac %d.0.15\n".formatted(version));
        return home;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
