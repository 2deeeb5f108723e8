package dev.sis.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a store keeps its files, as written on a command line: {@code file:/path} (sis's own
 * directory layout), {@code s3://bucket/prefix} (objects in a bucket) or, as a source for
 * {@code sis migrate} only, {@code sis2:/path} (a data directory written by sis 2.0).
 */
public sealed interface StoreLocation {

    /** sis's own layout in a local directory. */
    record Local(Path dir) implements StoreLocation {
        public Local {
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public String toString() {
            return "file:" + dir;
        }
    }

    /** A sis 2.0 data directory: one level per hex digit of the MD5, then {@code src/NAME}. */
    record Sis2(Path dir) implements StoreLocation {
        public Sis2 {
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public String toString() {
            return "sis2:" + dir;
        }
    }

    /**
     * Objects in a bucket, under {@code prefix} (no leading or trailing slash; empty for the
     * bucket's root).
     */
    record S3(String bucket, String prefix) implements StoreLocation {
        /** S3's rules for new bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. */
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

        public S3 {
            if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
                throw new IllegalArgumentException("not a bucket name: " + bucket);
            }
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.isEmpty()) {
                for (String segment : prefix.split("/", -1)) {
                    if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                            || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '\\')) {
                        throw new IllegalArgumentException("not a key prefix: " + prefix);
                    }
                }
            }
        }

        /** The prefix with a trailing slash, or the empty string: what every key starts with. */
        public String keyPrefix() {
            return prefix.isEmpty() ? "" : prefix + "/";
        }

        @Override
        public String toString() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        }
    }

    /**
     * Parses a location.
     *
     * @param allowSis2 whether {@code sis2:} is accepted (a source for migrating only)
     * @throws IllegalArgumentException with what is accepted, for anything else
     */
    static StoreLocation parse(String text, boolean allowSis2) {
        String accepted = allowSis2 ? "sis2:/path, file:/path or s3://bucket/prefix" : "file:/path or s3://bucket/prefix";
        if (text == null) {
            throw new IllegalArgumentException("must be " + accepted);
        }
        if (text.startsWith("s3://")) {
            String rest = text.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : stripSlashes(rest.substring(slash + 1));
            try {
                return new S3(bucket, prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be " + accepted
                        + " (a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens; "
                        + "the prefix has no empty, . or .. segment)");
            }
        }
        if (text.startsWith("file:")) {
            return new Local(path(text.substring("file:".length()), accepted));
        }
        if (allowSis2 && text.startsWith("sis2:")) {
            return new Sis2(path(text.substring("sis2:".length()), accepted));
        }
        throw new IllegalArgumentException("must be " + accepted);
    }

    private static Path path(String text, String accepted) {
        String p = text.startsWith("//") ? text.substring(2) : text; // file:///data is file:/data
        if (p.isEmpty() || p.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("must be " + accepted + ", with a path");
        }
        try {
            return Path.of(p);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("must be " + accepted + ", with a valid path");
        }
    }

    private static String stripSlashes(String prefix) {
        String p = prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
