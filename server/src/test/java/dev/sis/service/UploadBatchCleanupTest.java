package dev.sis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.testing.TestImages;
import dev.sis.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload that fails while it is being spooled leaves nothing in {@code .staging}, whatever
 * ended it: a client's bad bytes, or an {@link Error} such as {@link OutOfMemoryError} (which
 * the heap attack of issue 14 raised, and which left 170 MB of staging files until a restart).
 */
@Tag("server-only")
class UploadBatchCleanupTest {
    @TempDir
    Path dataDir;

    @Test
    void anOutOfMemoryErrorWhileSpoolingLeavesNoStagingFile() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            InputStream failing = new SequenceInputStream(new ByteArrayInputStream(TestImages.jpeg(50, 40)),
                    new FailingStream(new OutOfMemoryError("Java heap space (made by the test)")));

            try (UploadBatch batch = server.app().service().newUpload()) {
                assertThatThrownBy(() -> batch.add("a.jpg", failing, null)).isInstanceOf(OutOfMemoryError.class);
            }

            assertThat(stagingFiles()).isEmpty();
        }
    }

    @Test
    void anErrorAfterTheFirstFileOfABatchLeavesNoStagingFileEither() throws IOException {
        try (TestServer server = TestServer.start(dataDir)) {
            try (UploadBatch batch = server.app().service().newUpload()) {
                batch.add("a.jpg", new ByteArrayInputStream(TestImages.jpeg(50, 40)), null);
                assertThatThrownBy(() -> batch.add("b.jpg", new FailingStream(new StackOverflowError("made by the test")), null))
                        .isInstanceOf(StackOverflowError.class);
            }

            assertThat(stagingFiles()).isEmpty();
        }
    }

    private List<Path> stagingFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve(".staging"))) {
            return files.toList();
        }
    }

    /** A body that fails with {@code error} on its first read. */
    private static final class FailingStream extends InputStream {
        private final Error error;

        FailingStream(Error error) {
            this.error = error;
        }

        @Override
        public int read() {
            throw error;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            throw error;
        }
    }
}
