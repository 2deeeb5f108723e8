package dev.sis.storage.remote;

import dev.sis.config.UpstreamConfig;
import dev.sis.errors.InvalidInputException;
import dev.sis.errors.OutOfSpaceException;
import dev.sis.errors.TooLargeException;
import dev.sis.errors.UnsupportedImageException;
import dev.sis.errors.UpstreamException.Kind;
import dev.sis.storage.RemoteStoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP calls from an agent to its upstream server, with the failure rules of agent mode:
 * a connection pool (the JDK client's), connect and answer timeouts, bounded retries with
 * exponential backoff for idempotent reads only, and every failure turned into a typed
 * {@link RemoteStoreException}: 502 (answered badly), 503 (unreachable), 504 (timed out).
 * Thread-safe.
 */
final class UpstreamClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);

    private final HttpClient http;
    private final URI base;
    private final UpstreamConfig config;
    private final String authorization;
    private final MeterRegistry meters;
    /**
     * One thread per client, started at the first read and ended by {@link #close()}: it only
     * closes streams whose reads waited too long. Not shared by the process, so that a stopped
     * agent leaves no thread behind in a JVM that embeds sis.
     */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sis-upstream-read-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param authorization the {@code Authorization} header value to send, or {@code null}
     * @param meters        where upstream failures are counted by kind
     */
    UpstreamClient(UpstreamConfig config, String authorization, MeterRegistry meters) {
        this.config = config;
        this.authorization = authorization;
        this.meters = meters;
        String url = config.baseUrl().toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.limits().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String describeBase() {
        return base.toString();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(config.limits().requestTimeout());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /**
     * Sends an idempotent read, retrying transient failures (no connection, timeout,
     * 502/503/504) up to the configured count with exponential backoff.
     */
    <T> HttpResponse<T> read(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        return read(request, body, config.limits().retries());
    }

    /**
     * Sends a read whose answer the caller can do without (it has one from before): once, and
     * within the check timeout ({@code --upstream-check-timeout}) instead of the answer timeout.
     */
    <T> HttpResponse<T> check(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) throws IOException {
        return read(request.timeout(config.checkTimeout()).build(), body, 0);
    }

    /**
     * Sends one request within the check timeout, and neither counts nor logs its failure: for
     * asking what the server speaks ({@link DialectProbe}), which is no failure of the agent's work.
     */
    <T> HttpResponse<T> ask(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return http.send(request.timeout(config.checkTimeout()).build(), body);
    }

    private <T> HttpResponse<T> read(HttpRequest request, HttpResponse.BodyHandler<T> body, int retries)
            throws IOException {
        RemoteStoreException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                backoff(attempt);
            }
            try {
                HttpResponse<T> response = http.send(request, body);
                if (!RETRYABLE_STATUSES.contains(response.statusCode())) {
                    return response;
                }
                discard(response);
                last = new RemoteStoreException(Kind.BAD_ANSWER,
                        "the storage server answered " + response.statusCode(), null);
            } catch (IOException e) {
                last = translate(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteStoreException(Kind.UNREACHABLE, "interrupted while waiting for the storage server", e);
            }
            count(last);
            LOG.warn("upstream read {} {} failed (attempt {}): {}", request.method(), request.uri().getPath(),
                    attempt + 1, last.getMessage());
        }
        throw last;
    }

    /** Sends a write once: a write is never retried, since it may have been done already. */
    <T> HttpResponse<T> write(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            RemoteStoreException failure = translate(e);
            count(failure);
            LOG.warn("upstream write {} {} failed: {}", request.method(), request.uri().getPath(), failure.getMessage());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteStoreException(Kind.UNREACHABLE, "interrupted while waiting for the storage server", e);
        }
    }

    /**
     * One read of an answer's body within the answer timeout: the client's own timeout ends once
     * the headers have arrived, so a server that stops sending part-way through a file would
     * otherwise hold the reading request (and its connection) forever. A read that waits longer
     * closes {@code body} and fails with a 504 {@link RemoteStoreException}.
     */
    int readWithinTimeout(InputStream body, byte[] buffer, int offset, int length) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timer = watchdog.schedule(() -> {
            timedOut.set(true);
            closeQuietly(body);
        }, config.limits().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return body.read(buffer, offset, length);
        } catch (IOException e) {
            if (timedOut.get()) {
                RemoteStoreException failure = new RemoteStoreException(Kind.TIMED_OUT,
                        "the storage server stopped sending part-way through a file", e);
                count(failure);
                throw failure;
            }
            throw e;
        } finally {
            timer.cancel(false);
        }
    }

    /**
     * The failure an unexpected answer means. The server's own verdicts on the request (bad
     * input, too large, not an image, out of space) pass through, thrown as the failure the
     * client is told of; anything else is a bad answer, returned for the caller to throw.
     */
    static RemoteStoreException unexpected(HttpResponse<?> response, String action) {
        int status = response.statusCode();
        switch (status) {
            case 400 -> throw new InvalidInputException("the storage server refused the file as a bad request");
            case 413 -> throw new TooLargeException("the storage server refused the file as too large");
            case 415 -> throw new UnsupportedImageException("the storage server refused the file: not a supported image");
            case 507 -> throw new OutOfSpaceException("the storage server is out of space");
            case 401, 403 -> {
                return new RemoteStoreException(Kind.BAD_ANSWER,
                        "the storage server refused this agent's internal token while " + action
                                + ": give the server and its agents the same --internal-token", null);
            }
            default -> {
                return new RemoteStoreException(Kind.BAD_ANSWER,
                        "the storage server answered " + status + " while " + action, null);
            }
        }
    }

    /**
     * What an answer for a whole file says: its size (the {@code Content-Length} of a 200), or
     * empty for a 404; anything else fails as {@link #unexpected} says. The body of an answer
     * refused is closed, so the connection is dropped instead of reused.
     */
    static OptionalLong wholeFileSize(HttpResponse<?> response, String action) throws RemoteStoreException {
        long size = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (response.statusCode() == 200 && size >= 0) {
            return OptionalLong.of(size);
        }
        discard(response);
        if (response.statusCode() == 404) {
            return OptionalLong.empty();
        }
        throw unexpected(response, action);
    }

    /** A bad answer found in the bytes themselves (a short or corrupt file), counted as such. */
    RemoteStoreException badBytes(String message) {
        RemoteStoreException failure = new RemoteStoreException(Kind.BAD_ANSWER, message, null);
        count(failure);
        return failure;
    }

    private void count(RemoteStoreException failure) {
        meters.counter("sis.upstream.errors", "kind", failure.kind().name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    private static RemoteStoreException translate(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new RemoteStoreException(Kind.UNREACHABLE, "the storage server could not be reached in time", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new RemoteStoreException(Kind.TIMED_OUT, "the storage server did not answer in time", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
            return new RemoteStoreException(Kind.UNREACHABLE, "the storage server is unreachable", e);
        }
        return new RemoteStoreException(Kind.BAD_ANSWER, "the connection to the storage server failed", e);
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(FIRST_BACKOFF.toMillis() << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the watchdog and the HTTP client's threads. Called once the agent's HTTP server has
     * stopped: what is still in flight upstream belongs to requests already cut, so it fails at once.
     */
    @Override
    public void close() {
        watchdog.shutdownNow();
        http.shutdownNow();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The connection is dropped instead of reused.
        }
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof java.io.InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // The connection is dropped instead of reused.
            }
        }
    }
}
