package dev.sis.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/** Programs as a shell finds them, in the folders of a {@code PATH}. */
public final class Executables {
    private Executables() {
    }

    /** The executable file {@code name} in the first PATH folder that has one. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Makes {@code dir} a PATH folder that has only {@code programs}: for each, a script that runs
     * the machine's. A child process given it as its PATH finds nothing else.
     */
    public static Path onlyThese(Path dir, List<String> programs) throws IOException {
        Files.createDirectories(dir);
        for (String program : programs) {
            Path found = onPath(program).orElseThrow(() -> new IllegalStateException("no " + program + " on the PATH"));
            script(dir.resolve(program), "#!/bin/sh\nexec '" + found.toRealPath() + "' \"$@\"\n");
        }
        return dir;
    }

    /** Writes an executable script. */
    public static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
