package dev.sis.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sis.errors.UpstreamException.Kind;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import dev.sis.storage.local.LocalImageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExistenceMemory} over a real local store, with another store on the same directory
 * standing for another node, a switch that makes the store fail as a silent server would, and a
 * clock the test moves: nothing here waits.
 */
class ExistenceMemoryTest {
    private static final byte[] BYTES = {4, 2};
    private static final Md5 MD5 = new Md5(dev.sis.testing.TestImages.md5Hex(BYTES));
    private static final FileName NAME = new FileName("a.png");

    @TempDir
    Path root;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private LocalImageStore elsewhere;
    private FailingStore server;
    private final AtomicInteger quickChecks = new AtomicInteger();
    private ExistenceMemory memory;

    /** The store, asked through a switch: it answers, or fails with {@code failure}. */
    private static final class FailingStore extends ForwardingImageStore {
        volatile RemoteStoreException failure;
        final AtomicInteger asked = new AtomicInteger();

        FailingStore(ImageStore store) {
            super(store);
        }

        @Override
        public boolean exists(Md5 md5) throws IOException {
            return answer(() -> store.exists(md5));
        }

        @Override
        public boolean exists(Md5 md5, FileName name) throws IOException {
            return answer(() -> store.exists(md5, name));
        }

        private interface Ask {
            boolean get() throws IOException;
        }

        private boolean answer(Ask ask) throws IOException {
            asked.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return ask.get();
        }
    }

    @BeforeEach
    void open() throws IOException {
        elsewhere = LocalImageStore.open(root);
        server = new FailingStore(LocalImageStore.open(root));
        memory = new ExistenceMemory(server, clock, failed -> failed.kind() != Kind.BAD_ANSWER, (md5, name) -> {
            quickChecks.incrementAndGet();
            return name == null ? server.exists(md5) : server.exists(md5, name);
        });
    }

    @Test
    void aYesIsTrustedForTheTtlThenAskedAgain() throws IOException {
        putElsewhere();
        assertThat(memory.exists(MD5)).isTrue();
        assertThat(memory.exists(MD5, NAME)).isTrue();
        elsewhere.delete(MD5, null);

        now.set(now.get().plus(ExistenceMemory.TTL).minusMillis(1));
        assertThat(memory.exists(MD5)).as("still fresh").isTrue();
        assertThat(memory.exists(MD5, NAME)).as("still fresh").isTrue();
        assertThat(server.asked).hasValue(2);

        now.set(now.get().plusMillis(1));
        assertThat(memory.exists(MD5)).as("asked again once the TTL is over").isFalse();
        assertThat(memory.exists(MD5, NAME)).isFalse();
        assertThat(quickChecks).as("a remembered yes is checked the quick way").hasValue(2);
    }

    /** What a thread that must not wait may learn: a fresh remembered yes, else nothing, never asking the store. */
    @Test
    void withoutWaitingOnlyAFreshYesIsKnown() throws IOException {
        putElsewhere();
        assertThat(memory.existsWithoutWaiting(MD5)).as("never seen: only the store can tell").isEmpty();
        assertThat(server.asked).hasValue(0);

        assertThat(memory.exists(MD5)).isTrue();
        now.set(now.get().plus(ExistenceMemory.TTL).minusMillis(1));
        assertThat(memory.existsWithoutWaiting(MD5)).contains(true);
        now.set(now.get().plusMillis(1));
        assertThat(memory.existsWithoutWaiting(MD5)).as("no longer fresh").isEmpty();
        assertThat(server.asked).as("the store is never asked").hasValue(1);
    }

    @Test
    void aNoIsNeverRemembered() throws IOException {
        assertThat(memory.exists(MD5)).isFalse();
        putElsewhere();
        assertThat(memory.exists(MD5)).isTrue();
    }

    @Test
    void aDeleteThroughTheMemoryIsForgottenAtOnce() throws IOException {
        memory.putOriginal(MD5, NAME, stage());
        assertThat(memory.exists(MD5)).isTrue();
        assertThat(server.asked).as("a put is remembered as a yes").hasValue(0);

        assertThat(memory.delete(MD5, NAME)).isTrue();
        assertThat(memory.exists(MD5)).isFalse();
        assertThat(memory.exists(MD5, NAME)).isFalse();
    }

    @Test
    void aRememberedYesStandsWhileTheServerIsSilentWithoutAskingAgainForTheTtl() throws IOException {
        putElsewhere();
        assertThat(memory.exists(MD5)).isTrue();
        now.set(now.get().plus(ExistenceMemory.TTL));
        server.failure = new RemoteStoreException(Kind.UNREACHABLE, "the server is unreachable", null);

        assertThat(memory.exists(MD5)).isTrue();
        assertThat(server.asked).hasValue(2);
        now.set(now.get().plus(ExistenceMemory.TTL).minusMillis(1));
        assertThat(memory.exists(MD5)).isTrue();
        assertThat(server.asked).as("not asked while it was found silent").hasValue(2);

        now.set(now.get().plusMillis(1));
        server.failure = null;
        elsewhere.delete(MD5, null);
        assertThat(memory.exists(MD5)).as("asked again, and believed, once it answers").isFalse();
        assertThat(server.asked).hasValue(3);
    }

    @Test
    void anAnswerTheServerGaveIsBelievedOverARememberedYes() throws IOException {
        putElsewhere();
        assertThat(memory.exists(MD5)).isTrue();
        now.set(now.get().plus(ExistenceMemory.TTL));
        server.failure = new RemoteStoreException(Kind.BAD_ANSWER, "credentials refused", null);

        assertThatThrownBy(() -> memory.exists(MD5)).isSameAs(server.failure);
    }

    @Test
    void aSilentServerWithNothingRememberedIsAFailure() {
        server.failure = new RemoteStoreException(Kind.TIMED_OUT, "the server did not answer in time", null);

        assertThatThrownBy(() -> memory.exists(MD5)).isSameAs(server.failure);
        assertThatThrownBy(() -> memory.exists(MD5, NAME)).isSameAs(server.failure);
    }

    @Test
    void namesAndOpenedOriginalsAreRememberedAsYeses() throws IOException {
        putElsewhere();
        assertThat(memory.names(MD5)).containsExactly(NAME);
        try (var opened = memory.openOriginal(MD5, NAME).orElseThrow()) {
            assertThat(opened.file().size()).isEqualTo(BYTES.length);
        }
        elsewhere.delete(MD5, null);

        assertThat(memory.exists(MD5)).isTrue();
        assertThat(memory.exists(MD5, NAME)).isTrue();
        assertThat(server.asked).hasValue(0);
    }

    private void putElsewhere() throws IOException {
        elsewhere.putOriginal(MD5, NAME, Blob.of(BYTES));
    }

    private Blob stage() throws IOException {
        return Blob.staged(Files.write(memory.newStagingFile(), BYTES));
    }
}
