package dev.sis.cli.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files an upload command line names: each FILE as given, and every regular file under each
 * DIR, recursively, in name order. Under a directory, hidden files and hidden directories
 * (names starting with a dot: {@code .git}, {@code .DS_Store}) are skipped, and symbolic links to
 * directories are not followed; a hidden file named on the command line is uploaded.
 */
final class UploadFiles {
    private UploadFiles() {
    }

    /** @throws IllegalArgumentException when an argument is neither a file nor a directory */
    static List<Path> collect(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isRegularFile(argument)) {
                files.add(argument);
            } else if (Files.isDirectory(argument)) {
                files.addAll(under(argument));
            } else {
                throw new IllegalArgumentException("no such file or directory: " + argument);
            }
        }
        return files;
    }

    /** The file's size, or 0 when it cannot be read any more (its upload then fails on its own). */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static long totalSize(List<Path> files) {
        return files.stream().mapToLong(UploadFiles::size).sum();
    }

    private static List<Path> under(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !hiddenBelow(dir, p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether a name between {@code dir} (excluded) and {@code p} (included) starts with a dot. */
    private static boolean hiddenBelow(Path dir, Path p) {
        for (Path name : dir.relativize(p)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
