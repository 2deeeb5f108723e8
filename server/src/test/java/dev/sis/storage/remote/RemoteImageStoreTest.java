package dev.sis.storage.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.config.RemoteLimits;
import dev.sis.config.UpstreamConfig;
import dev.sis.errors.InvalidInputException;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.Blob;
import dev.sis.storage.ImageStore;
import dev.sis.storage.NetworkStoreContract;
import dev.sis.storage.VariantKey;
import dev.sis.storage.VariantPlace;
import dev.sis.testing.SpoolFiles;
import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract, run against a real sis server on a random port through its internal routes,
 * with the internal token (without it a server takes no variants and no deletes from an agent).
 */
class RemoteImageStoreTest extends NetworkStoreContract {
    private static final String TOKEN = "remote-store-internal-token-01";
    @TempDir
    Path serverData;
    @TempDir
    Path spool;
    private TestServer server;

    @Override
    protected ImageStore newStore() throws IOException {
        server = TestServer.start(serverData, c -> TestServer.withInternalToken(new dev.sis.config.SisConfig(c.server(),
                c.store(), c.cache(), new dev.sis.config.UploadLimits(c.upload().maxRequestBytes(), c.upload().maxNameBytes(), true),
                c.image()), TOKEN));
        return RemoteImageStore.open(new UpstreamConfig(URI.create(server.url("")),
                new RemoteLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), 0, spool)), TOKEN, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** As the server's budget does: the file goes from the server's disk. */
    @Override
    protected void removeElsewhere(Md5 md5, VariantKey key) throws IOException {
        Files.delete(serverData.resolve(new VariantPlace(md5, key).path()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anOriginalPutThroughTheAgentIsKeptOnTheServerOnly() throws IOException {
        byte[] image = TestImages.png(8, 8);
        store.putOriginal(md5Of(image), new FileName("p.png"), stage(image));

        String hex = TestImages.md5Hex(image);
        assertThat(serverData.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex).resolve("src/p.png"))
                .hasBinaryContent(image);
        assertThat(SpoolFiles.staged(spool)).isEmpty();
    }

    /** The server hashes what it receives: bytes that are not the MD5 they are put under are refused, from a file or from memory. */
    @Test
    void anOriginalWhoseBytesAreNotItsMd5IsRefusedByTheServerAndNotStored() throws IOException {
        Md5 claimed = md5Of(new byte[] {1, 2, 3});
        byte[] other = TestImages.png(4, 4);

        assertThatThrownBy(() -> store.putOriginal(claimed, new FileName("a.png"), stage(other)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.putOriginal(claimed, new FileName("a.png"), Blob.of(other)))
                .isInstanceOf(InvalidInputException.class);

        assertThat(store.exists(claimed)).isFalse();
        assertThat(SpoolFiles.staged(spool)).isEmpty();
    }
}
