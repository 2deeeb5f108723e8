package dev.sis.storage.remote;

import dev.sis.config.UpstreamConfig;
import dev.sis.config.UpstreamDialect;
import dev.sis.storage.ExistenceMemory;
import dev.sis.storage.ImageStore;
import dev.sis.storage.SpoolDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.InstantSource;

/** Opens an agent's store in the dialect {@code --upstream-dialect} asks for. */
public final class UpstreamStores {
    private UpstreamStores() {
    }

    /**
     * {@code sis}: the sis store routes only, exactly as before dialects existed. {@code sis2}:
     * sis 2.0's routes only. {@code auto}: whichever the server speaks, asked now (within the
     * check timeout) and again as {@link DialectProbe} says. Either way what the server said
     * exists is remembered for a moment ({@link ExistenceMemory}). The store returned is
     * {@link AutoCloseable}.
     *
     * @param internalToken the server's internal token, or {@code null} when it has none
     * @param meters        where upstream failures are counted by kind
     * @param clock         the existence memory's clock
     */
    public static ImageStore open(UpstreamConfig config, String internalToken, MeterRegistry meters,
                                  InstantSource clock) throws IOException {
        if (config.dialect() == UpstreamDialect.SIS) {
            RemoteImageStore sis = RemoteImageStore.open(config, internalToken, meters);
            return new ExistenceMemory(sis, clock, RemoteImageStore::serverSilent, sis::quickCheck);
        }
        UpstreamClient upstream = new UpstreamClient(config, internalToken == null ? null : "Bearer " + internalToken,
                meters);
        SpoolDirectory spool;
        try {
            spool = SpoolDirectory.open(config.limits().spoolDir());
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
        RemoteImageStore sis = new RemoteImageStore(upstream, spool, internalToken != null);
        DialectProbe probe = config.dialect() == UpstreamDialect.SIS2 ? DialectProbe.fixed(UpstreamDialect.SIS2)
                : DialectProbe.asking(upstream);
        DialectSwitchingStore either = new DialectSwitchingStore(sis, new Sis2Upstream(upstream, spool), probe);
        return new ExistenceMemory(either, clock, RemoteImageStore::serverSilent, either::quickCheck);
    }
}
