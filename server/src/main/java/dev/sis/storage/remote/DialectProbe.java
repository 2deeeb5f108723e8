package dev.sis.storage.remote;

import dev.sis.config.UpstreamDialect;
import dev.sis.errors.UpstreamException;
import dev.sis.storage.RemoteStoreException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent's server speaks: sis's store routes, or only sis 2.0's. Learned by asking
 * {@code GET /internal/v1/names/<zeros>} once at start: a sis server answers it with JSON (a
 * list, or a 401/403 about the internal token); any other answer below 500 (sis 2.0's
 * {@code 404 page not found}, a page, a 405) means sis 2.0. No answer, or a 5xx (a proxy or a
 * server on its way down), teaches nothing.
 *
 * <p>Asked again, so that servers can be replaced under running agents (a rolling upgrade, or
 * its rollback):
 * <ul>
 *   <li>while nothing is known, before a call, at most once per {@link #REASK_INTERVAL}; the
 *       call waits for the answer (within the check timeout), and meanwhile sis is assumed;</li>
 *   <li>after a failed call (a bad answer, an unreachable server; a slow one is just slow), in
 *       the background, at most once per {@link #REASK_INTERVAL}, until the server answers;</li>
 *   <li>when the server was found to speak sis 2.0 only, in the background every
 *       {@link #SIS2_RECHECK}: an upgraded server answers sis 2.0's routes too, so no failure
 *       would tell.</li>
 * </ul>
 * The probe is one request within the check timeout, never retried, counted in no metric.
 * Thread-safe.
 */
final class DialectProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DialectProbe.class);
    static final Duration REASK_INTERVAL = Duration.ofSeconds(5);
    static final Duration SIS2_RECHECK = Duration.ofSeconds(60);
    private static final String PROBE_PATH = "/internal/v1/names/" + "0".repeat(32);

    /** Null when the dialect is fixed by configuration. */
    private final UpstreamClient upstream;
    private final AtomicBoolean asking = new AtomicBoolean();
    /** {@link UpstreamDialect#SIS} or {@link UpstreamDialect#SIS2}; null while not known. */
    private volatile UpstreamDialect verdict;
    private volatile long learnedAtNanos;
    private volatile long askedAtNanos;
    private volatile boolean suspect;

    private DialectProbe(UpstreamClient upstream, UpstreamDialect verdict) {
        this.upstream = upstream;
        this.verdict = verdict;
        // nanoTime has no fixed origin: "long ago" must be said relative to now.
        this.askedAtNanos = System.nanoTime() - REASK_INTERVAL.toNanos();
        this.learnedAtNanos = askedAtNanos;
    }

    /** A dialect set by configuration: never asked. */
    static DialectProbe fixed(UpstreamDialect dialect) {
        if (dialect == UpstreamDialect.AUTO) {
            throw new IllegalArgumentException("a fixed dialect is sis or sis2");
        }
        return new DialectProbe(null, dialect);
    }

    /** Asks the server now (within the check timeout), and again later as the class says. */
    static DialectProbe asking(UpstreamClient upstream) {
        DialectProbe probe = new DialectProbe(upstream, null);
        probe.askNow();
        return probe;
    }

    /** The routes for the next call to the server; may ask the server first (see the class). */
    UpstreamDialect dialect() {
        if (upstream == null) {
            return verdict;
        }
        long now = System.nanoTime();
        UpstreamDialect known = verdict;
        if (known == null) {
            if (due(now)) {
                askNow();
            }
            known = verdict;
            return known == null ? UpstreamDialect.SIS : known;
        }
        boolean stale = known == UpstreamDialect.SIS2 && now - learnedAtNanos >= SIS2_RECHECK.toNanos();
        if ((suspect || stale) && due(now) && !asking.get()) {
            Thread.ofVirtual().name("sis-upstream-dialect-probe").start(this::askNow);
        }
        return known;
    }

    /** What is known, for the start-up log: the dialect, or that it is not known yet. */
    String describe() {
        UpstreamDialect known = verdict;
        String what = known == null ? "not known yet (sis assumed until the server answers)"
                : known == UpstreamDialect.SIS ? "sis" : "sis 2.0";
        return upstream == null ? what + ", as configured" : what + ", asked of the server";
    }

    /** A call failed: unless it was only slow, the server may have been replaced, so it is asked again. */
    void failed(RemoteStoreException failure) {
        if (failure.kind() != UpstreamException.Kind.TIMED_OUT && failure.kind() != UpstreamException.Kind.NOT_OFFERED) {
            suspect = true;
        }
    }

    private boolean due(long now) {
        return now - askedAtNanos >= REASK_INTERVAL.toNanos();
    }

    private void askNow() {
        if (!asking.compareAndSet(false, true)) {
            return; // another call is asking: its answer will do
        }
        try {
            askedAtNanos = System.nanoTime();
            UpstreamDialect heard = ask();
            if (heard != null) {
                learn(heard);
            }
        } finally {
            asking.set(false);
        }
    }

    private UpstreamDialect ask() {
        try {
            HttpResponse<byte[]> answer = upstream.ask(upstream.request(PROBE_PATH).GET(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return verdictOf(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        } catch (IOException noAnswer) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** What an answer to the probe says of the server; null when it says nothing. */
    static UpstreamDialect verdictOf(int status, String contentType, byte[] body) {
        if (status >= 500) {
            return null;
        }
        boolean json = contentType.startsWith("application/json");
        boolean list = new String(body, StandardCharsets.UTF_8).strip().startsWith("[");
        if (json && (status == 200 && list || status == 401 || status == 403)) {
            return UpstreamDialect.SIS;
        }
        return UpstreamDialect.SIS2;
    }

    private void learn(UpstreamDialect heard) {
        UpstreamDialect before = verdict;
        learnedAtNanos = System.nanoTime();
        verdict = heard;
        suspect = false;
        if (heard != before) {
            String base = upstream.describeBase();
            if (heard == UpstreamDialect.SIS2) {
                LOG.warn("upstream {} speaks sis 2.0's routes only: uploads go to /derect_up, reads to /simple_down and "
                        + "/full_down (every MD5 checked); deletes, names and info answer 501, variants stay in this "
                        + "agent's cache", base);
            } else {
                LOG.info("upstream {} speaks sis's store routes (/internal/v1)", base);
            }
        }
    }
}
