package dev.sis.http.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.config.CacheConfig;
import dev.sis.config.SisConfig;
import dev.sis.config.UploadLimits;
import dev.sis.testing.TestClient;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What the legacy tests share: the contract's fixed texts, answer parsing, and looks at the data directory. */
final class LegacyFixtures {
    static final String TOO_LARGE = "上传文件超出50M限制";
    static final String BAD_NAME = "文件名长度超出50字节限制";
    static final String BAD_REQUEST = "不要乱来";
    static final String UPLOAD_DONE = "上传完成";
    static final long LIMIT = 52_428_800L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyFixtures() {
    }

    /** One entry of /up's answer, with exactly the keys the contract names. */
    record Entry(String name, String md5) {
    }

    /** Parses /up's JSON array and checks every object has exactly the keys {@code Name} and {@code MD5}. */
    static List<Entry> entries(HttpResponse<byte[]> response) {
        List<Map<String, Object>> objects;
        try {
            objects = JSON.readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the answer is not a JSON array of objects: "
                    + new String(response.body(), StandardCharsets.UTF_8), e);
        }
        for (Map<String, Object> object : objects) {
            assertThat(object).containsOnlyKeys("Name", "MD5");
        }
        return objects.stream().map(o -> new Entry((String) o.get("Name"), (String) o.get("MD5"))).toList();
    }

    /** A legacy error answer: the status and the exact UTF-8 plain-text body. */
    static void assertText(HttpResponse<byte[]> response, int status, String text) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(TestClient.text(response)).isEqualTo(text);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.toLowerCase(Locale.ROOT)).startsWith("text/plain").contains("charset=utf-8"));
    }

    /** The legacy download routes' refusal: 404 with an empty body. */
    static void assertEmpty404(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as("status").isEqualTo(404);
        assertThat(response.body()).as("body").isEmpty();
    }

    static void assertAllowsAnyOrigin(HttpResponse<byte[]> response) {
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly("*");
    }

    static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Settings that store any file, as sis 2.0 did. */
    static SisConfig acceptAnyFile(SisConfig config) {
        UploadLimits upload = config.upload();
        return new SisConfig(config.server(), config.store(), config.cache(),
                new UploadLimits(upload.maxRequestBytes(), upload.maxNameBytes(), true), config.image());
    }

    /** Settings with the memory cache turned off, so every read goes to the disk. */
    static SisConfig noCache(SisConfig config) {
        return new SisConfig(config.server(), config.store(), new CacheConfig(0, config.cache().policy()),
                config.upload(), config.image());
    }

    /**
     * Regular files in the data directory, staging area excluded, and the analysis sidecars sis
     * writes in the background beside each image (V1AnalysisTest looks at those), once the writes
     * after the answers are done.
     */
    static List<Path> storedFiles(TestServer server) {
        server.awaitBackgroundWrites();
        Path staging = server.dataDir().resolve(".staging");
        return regularFiles(server.dataDir()).stream().filter(p -> !p.startsWith(staging))
                .filter(p -> !p.getParent().getFileName().toString().matches("analysis(-\\d+)?")).toList();
    }

    /**
     * Everything left in the staging area, once the writes after the answers (the analyses, the
     * variants, which stage their files there too) are done.
     */
    static List<Path> stagingFiles(TestServer server) {
        server.awaitBackgroundWrites();
        return regularFiles(server.dataDir().resolve(".staging"));
    }

    private static List<Path> regularFiles(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
