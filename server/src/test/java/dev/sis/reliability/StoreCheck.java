package dev.sis.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.reliability.UploadLedger.Upload;
import dev.sis.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a store's files (a local data directory or a bucket, see {@link StoredFiles}), and the
 * server in front of it, against an {@link UploadLedger} after a crash and a restart:
 * <ul>
 *   <li>every acknowledged upload is in the store where it belongs and served, byte-identical;</li>
 *   <li>every file outside {@code .staging} is either an original that was sent (acknowledged
 *       or in flight) whose bytes have exactly its MD5 — so no partial file — or a complete,
 *       decodable variant of such an original; nothing else (no stray temp file);</li>
 *   <li>an upload that was sent but is not in the store is not served (404);</li>
 *   <li>a local store's {@code .staging} is empty: the restart removed what the crash left there.</li>
 * </ul>
 */
final class StoreCheck {
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern VARIANT = Pattern.compile("w\\d+-h\\d+-[a-z]+-[a-z]+-q\\d+/image\\.(jpg|png|gif)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What one check found. */
    record Found(int originals, int variants, int acknowledgedVerified, int unacknowledgedStored, int emptyDirectories) {
    }

    private StoreCheck() {
    }

    /** Checks a local store: {@code .staging} empty, then its files (see {@link #verify(StoredFiles, UploadLedger, String)}). */
    static Found verify(Path dataDir, UploadLedger ledger, String base) throws IOException, InterruptedException {
        assertThat(listing(dataDir.resolve(".staging"))).as(".staging after the restart").isEmpty();
        Found found = verify(StoredFiles.directory(dataDir), ledger, base);
        return new Found(found.originals(), found.variants(), found.acknowledgedVerified(), found.unacknowledgedStored(),
                emptyDirectories(dataDir));
    }

    /** Checks the files of any store, and the server at {@code base} in front of it, against the ledger. */
    static Found verify(StoredFiles files, UploadLedger ledger, String base) throws IOException, InterruptedException {
        int originals = 0;
        int variants = 0;
        List<String> stray = new ArrayList<>();
        java.util.Set<String> sentMd5s = ledger.sentMd5s();
        for (String key : files.keys()) {
            String[] parts = key.split("/");
            if (parts.length != 5 || !MD5.matcher(parts[2]).matches() || !parts[2].startsWith(parts[0] + parts[1])) {
                stray.add(key);
                continue;
            }
            String md5 = parts[2];
            byte[] bytes = files.read(key).orElseThrow();
            if (parts[3].equals("src")) {
                Upload sent = ledger.sent(md5, parts[4]);
                if (sent == null) {
                    stray.add(key + " (never sent)");
                } else if (!TestImages.md5Hex(bytes).equals(md5)) {
                    stray.add(key + " (partial or corrupt: " + bytes.length + " of " + sent.bytes().length + " bytes)");
                } else {
                    originals++;
                }
            } else if (parts[3].matches("analysis(-[1-9][0-9]?)?") && parts[4].equals("image.json")
                    && sentMd5s.contains(md5)) {
                // the analysis made after an upload, in the background: whole, or not there
                if (dev.sis.image.ImageAnalysis.parse(bytes).isEmpty()) {
                    stray.add(key + " (an analysis that does not parse)");
                }
            } else if (VARIANT.matcher(parts[3] + "/" + parts[4]).matches() && sentMd5s.contains(md5)) {
                try {
                    TestImages.decode(bytes);
                    variants++;
                } catch (RuntimeException broken) {
                    stray.add(key + " (a variant that does not decode)");
                }
            } else {
                stray.add(key);
            }
        }
        assertThat(stray).as("files in the store that are partial, unknown or out of place").isEmpty();

        int verified = 0;
        for (Upload u : ledger.acknowledged()) {
            java.util.Optional<byte[]> stored = files.read(originalKey(u));
            assertThat(stored).as("acknowledged %s in the store", u.key()).isPresent();
            // Compared without printing megabytes of bytes when they differ.
            assertThat(Arrays.equals(stored.get(), u.bytes())).as("acknowledged %s byte-identical in the store", u.key())
                    .isTrue();
            HttpResponse<byte[]> served = get(base + "/v1/images/" + u.md5() + "/" + segment(u.name()));
            assertThat(served.statusCode()).as("acknowledged %s served", u.key()).isEqualTo(200);
            assertThat(Arrays.equals(served.body(), u.bytes())).as("acknowledged %s served byte-identical", u.key())
                    .isTrue();
            verified++;
        }
        int unacknowledgedStored = 0;
        for (Upload u : ledger.unacknowledged()) {
            int status = get(base + "/v1/images/" + u.md5() + "/" + segment(u.name())).statusCode();
            if (files.read(originalKey(u)).isPresent()) {
                unacknowledgedStored++;
                assertThat(status).as("in flight and stored: %s", u.key()).isEqualTo(200);
            } else {
                assertThat(status).as("in flight and not stored: %s is not served", u.key()).isEqualTo(404);
            }
        }
        return new Found(originals, variants, verified, unacknowledgedStored, 0);
    }

    private static String originalKey(Upload u) {
        return u.md5().substring(0, 2) + "/" + u.md5().substring(2, 4) + "/" + u.md5() + "/src/" + u.name();
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    /** Directories left empty by a crash between creating an image's directory and renaming into it. */
    private static int emptyDirectories(Path dataDir) throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return (int) walk.filter(Files::isDirectory).filter(d -> !d.equals(dataDir.resolve(".staging")))
                    .filter(d -> {
                        try (Stream<Path> entries = Files.list(d)) {
                            return entries.findAny().isEmpty();
                        } catch (IOException e) {
                            return false;
                        }
                    }).count();
        }
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
