package dev.sis.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The files of a store as {@link StoreCheck} sees them: keys relative to the store's root in
 * the layout both stores share ({@code ab/cd/<md5>/src/<name>}, {@code ab/cd/<md5>/<variant>/image.<ext>}),
 * read straight from the disk or the bucket, never through sis.
 */
interface StoredFiles {
    /** Every file, as a key relative to the root; anything outside the root keeps its whole name. */
    List<String> keys() throws IOException;

    /** The bytes under {@code key}, or empty when there is no such file. */
    Optional<byte[]> read(String key) throws IOException;

    /** A local store's data directory, without its {@code .staging} folder (checked on its own). */
    static StoredFiles directory(Path dataDir) {
        return new StoredFiles() {
            @Override
            public List<String> keys() throws IOException {
                Path staging = dataDir.resolve(".staging");
                try (Stream<Path> walk = Files.walk(dataDir)) {
                    return walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(staging))
                            .map(f -> dataDir.relativize(f).toString().replace('\\', '/')).toList();
                }
            }

            @Override
            public Optional<byte[]> read(String key) throws IOException {
                Path file = dataDir.resolve(key);
                return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            }
        };
    }

    /**
     * Every object of {@code bucket}, keys relative to {@code prefix} (e.g. {@code "sis/"}), read
     * with {@code client} (see {@link dev.sis.testing.S3TestServer#client()}), which the caller closes.
     */
    static StoredFiles bucket(S3Client client, String bucket, String prefix) {
        return new StoredFiles() {
            @Override
            public List<String> keys() {
                return client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
                        .map(k -> k.startsWith(prefix) ? k.substring(prefix.length()) : k).toList();
            }

            @Override
            public Optional<byte[]> read(String key) {
                try {
                    ResponseBytes<?> bytes = client.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + key));
                    return Optional.of(bytes.asByteArray());
                } catch (NoSuchKeyException absent) {
                    return Optional.empty();
                }
            }
        };
    }
}
