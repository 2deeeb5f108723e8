package dev.sis.cli;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Whether the local store could write its data directory, found without creating anything, so
 * that {@code check-config} and a start that is refused leave no folder behind. The directory
 * must be writable, and its {@code .staging} folder too when it is there. When it does not exist
 * yet, a start also checks the nearest folder above it that does; {@code check-config} does not,
 * since it may check a deployment's flags on another machine (a container's {@code /data} is
 * a volume there, and missing here). A problem says why (a read-only file system, or the owner
 * and permissions) and what to do.
 */
final class DataDirectoryCheck {
    private DataDirectoryCheck() {
    }

    /**
     * What stops the store from writing {@code dir}, completing "--image: ", or empty when nothing does.
     *
     * @param startsHere whether the server starts on this machine, so that a missing directory's
     *                   parent folders are the ones it will be made in
     */
    static Optional<String> problem(Path dir, boolean startsHere) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!startsHere && !Files.exists(absolute)) {
            return Optional.empty();
        }
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return Optional.empty(); // a file in the way is reported as such by the caller
        }
        Path staging = existing.resolve(".staging");
        if (existing.equals(absolute) && Files.isDirectory(staging) && !writable(staging)) {
            return Optional.of("cannot write to " + staging + ", where uploads are written first: " + why(staging)
                    + fix(staging));
        }
        if (writable(existing)) {
            return Optional.empty();
        }
        String what = existing.equals(absolute) ? "cannot write to the data directory " + absolute
                : "cannot create the data directory " + absolute + " in " + existing;
        return Optional.of(what + ": " + why(existing) + fix(existing));
    }

    private static boolean writable(Path dir) {
        return Files.isWritable(dir) && Files.isExecutable(dir);
    }

    private static String why(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            if (store.isReadOnly()) {
                return "it is on a read-only file system (" + store.name() + ")";
            }
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return "user " + user() + " may not write there (owner " + attributes.owner().getName() + ", permissions "
                    + PosixFilePermissions.toString(attributes.permissions()) + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "user " + user() + " may not write there";
        }
    }

    private static String fix(Path dir) {
        return "; make " + dir + " writable for user " + user() + " (in a container: a writable volume there), "
                + "or give the store another directory";
    }

    private static String user() {
        return System.getProperty("user.name");
    }
}
