package dev.sis.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sis.model.FileName;
import dev.sis.model.Md5;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Remembers that an image exists, over a store across the network (S3, or an agent's upstream
 * server), so that the existence check made on every cached read (see
 * {@link ImageStore#exists(Md5)}) does not cost a round trip each time.
 *
 * <ul>
 *   <li>A yes learned less than {@link #TTL} ago is trusted without asking: the bound on how long
 *       another instance may serve an image from its cache after a DELETE.</li>
 *   <li>An older yes is asked again (with the store's quick check, when it has one); while the
 *       server is silent, it stands, and is not asked again for {@link #TTL}, so that cached
 *       images stay served and no read waits on a stopped server each time.</li>
 *   <li>A no is never remembered; a delete through this store forgets the image once it returned,
 *       so that no read racing it can put it back.</li>
 * </ul>
 * Thread-safe. The clock is injected so that a test moves time instead of waiting.
 */
public final class ExistenceMemory extends ForwardingImageStore implements AutoCloseable {
    /** How long a yes is trusted without asking the store again. */
    public static final Duration TTL = Duration.ofSeconds(2);
    private static final int MAX_REMEMBERED = 100_000;

    /**
     * A store's cheaper way to ask, used when a remembered yes can stand in for a late answer
     * (an agent asks once within its check timeout instead of with retries).
     */
    @FunctionalInterface
    public interface QuickCheck {
        /** Whether {@code name} of {@code md5} is stored; any name when {@code name} is null. */
        boolean exists(Md5 md5, FileName name) throws IOException;
    }

    private final InstantSource clock;
    private final Predicate<RemoteStoreException> serverSilent;
    private final QuickCheck quick;
    /** When each MD5 ({@code hex}) or name ({@code hex/name}) was last found to exist. */
    private final Cache<String, Instant> seen = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).build();
    /** Until when remembered yeses are not asked again: a check found the server silent. */
    private volatile Instant silentUntil = Instant.MIN;

    /**
     * @param serverSilent which failures mean the server gave no answer (unreachable, timed out,
     *                     a dropped connection): a remembered yes stands then; any other failure
     *                     (an answer the server did give) is believed and thrown
     * @param quick        how to ask when a remembered yes could stand in; {@code null}: as always
     */
    public ExistenceMemory(ImageStore store, InstantSource clock, Predicate<RemoteStoreException> serverSilent,
                           QuickCheck quick) {
        super(store);
        this.clock = clock;
        this.serverSilent = serverSilent;
        this.quick = quick != null ? quick
                : (md5, name) -> name == null ? store.exists(md5) : store.exists(md5, name);
    }

    @Override
    public boolean exists(Md5 md5) throws IOException {
        return remembered(md5, null, () -> store.exists(md5));
    }

    /** A yes still fresh ({@link #TTL}), or still standing while the server is silent; else only the store can tell. */
    @Override
    public Optional<Boolean> existsWithoutWaiting(Md5 md5) {
        Instant before = seen.getIfPresent(md5.hex());
        return stands(before, clock.instant()) ? Optional.of(true) : Optional.empty();
    }

    @Override
    public boolean exists(Md5 md5, FileName name) throws IOException {
        return remembered(md5, name, () -> store.exists(md5, name));
    }

    @Override
    public boolean putOriginal(Md5 md5, FileName name, Blob blob) throws IOException {
        boolean stored = store.putOriginal(md5, name, blob);
        saw(md5, name);
        return stored;
    }

    @Override
    public List<FileName> names(Md5 md5) throws IOException {
        List<FileName> names = store.names(md5);
        if (!names.isEmpty()) {
            seen.put(md5.hex(), clock.instant());
        }
        return names;
    }

    @Override
    public Optional<OpenedFile> openOriginal(Md5 md5, FileName name) throws IOException {
        Optional<OpenedFile> opened = store.openOriginal(md5, name);
        if (opened.isPresent()) {
            saw(md5, name);
        }
        return opened;
    }

    @Override
    public Optional<OpenedFile> openAnyOriginal(Md5 md5) throws IOException {
        Optional<OpenedFile> opened = store.openAnyOriginal(md5);
        if (opened.isPresent()) {
            seen.put(md5.hex(), clock.instant());
        }
        return opened;
    }

    @Override
    public Optional<OpenedFile> openVariant(Md5 md5, VariantKey key) throws IOException {
        return store.openVariant(md5, key);
    }

    @Override
    public boolean delete(Md5 md5, FileName name) throws IOException {
        try {
            return store.delete(md5, name);
        } finally {
            // Forgotten after the store answered, so that no read racing the delete puts it back.
            String hex = md5.hex();
            seen.asMap().keySet().removeIf(key -> key.startsWith(hex));
        }
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @FunctionalInterface
    private interface Ask {
        boolean exists() throws IOException;
    }

    private boolean remembered(Md5 md5, FileName name, Ask full) throws IOException {
        String key = key(md5, name);
        Instant before = seen.getIfPresent(key);
        Instant now = clock.instant();
        if (stands(before, now)) {
            return true;
        }
        try {
            boolean found = before == null ? full.exists() : quick.exists(md5, name);
            silentUntil = Instant.MIN;
            if (found) {
                seen.put(key, clock.instant());
            } else {
                seen.invalidate(key);
            }
            return found;
        } catch (RemoteStoreException failed) {
            if (before != null && serverSilent.test(failed)) {
                silentUntil = clock.instant().plus(TTL);
                return true;
            }
            throw failed;
        }
    }

    /** Whether a yes learned at {@code before} (null: none) is believed at {@code now} without asking. */
    private boolean stands(Instant before, Instant now) {
        return before != null && (now.isBefore(before.plus(TTL)) || now.isBefore(silentUntil));
    }

    private void saw(Md5 md5, FileName name) {
        Instant now = clock.instant();
        seen.put(md5.hex(), now);
        seen.put(key(md5, name), now);
    }

    private static String key(Md5 md5, FileName name) {
        return name == null ? md5.hex() : md5.hex() + "/" + name.value();
    }
}
