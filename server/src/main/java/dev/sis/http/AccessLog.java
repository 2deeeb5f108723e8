package dev.sis.http;

import dev.sis.config.AccessLogConfig;
import dev.sis.config.AccessLogTarget;
import dev.sis.config.SisConfig.LogFormat;
import dev.sis.logging.AccessLogFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line for every answer the server sends, kept by Jetty itself so that the
 * answers no route makes are in it too (the cached-read fast path, a malformed request's 400, a
 * too-large header's 431). {@code --access-log on} writes through the logger {@code sis.access}
 * (stderr in sis's own logging configuration, wherever a host program sends it when sis is
 * embedded), {@code FILE} appends to a file sis rolls over itself, {@code off} writes nothing.
 * The timer samples per route are {@link RequestLog}'s.
 */
final class AccessLog implements org.eclipse.jetty.server.RequestLog, AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("sis.access");

    private final ClientAddress clients;
    private final LogFormat format;
    private final ZoneId zone = ZoneId.systemDefault();
    private final Consumer<String> sink;
    private final AutoCloseable closer;

    private AccessLog(ClientAddress clients, LogFormat format, Consumer<String> sink, AutoCloseable closer) {
        this.clients = clients;
        this.format = format;
        this.sink = sink;
        this.closer = closer;
    }

    /**
     * The access log the configuration asks for, or null for {@code off}.
     *
     * @throws UncheckedIOException when the file cannot be opened for appending
     */
    static AccessLog open(AccessLogConfig config, LogFormat format) {
        ClientAddress clients = new ClientAddress(config.trustedProxies());
        return switch (config.target()) {
            case AccessLogTarget.Off off -> null;
            case AccessLogTarget.Discarded discarded -> new AccessLog(clients, format, line -> { }, () -> { });
            case AccessLogTarget.Logger logger -> new AccessLog(clients, format, line -> {
                if (ACCESS.isInfoEnabled()) {
                    ACCESS.info(line);
                }
            }, () -> { });
            case AccessLogTarget.ToFile toFile -> {
                AccessLogFile file;
                try {
                    file = new AccessLogFile(toFile.file());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the access log " + toFile.file() + ": " + e, e);
                }
                yield new AccessLog(clients, format, line -> file.offer((line + "\n").getBytes(StandardCharsets.UTF_8)),
                        file);
            }
        };
    }

    @Override
    public void log(Request request, Response response) {
        AccessLine line = new AccessLine(
                Instant.ofEpochMilli(Request.getTimeStamp(request)),
                clients.of(Request.getRemoteAddr(request),
                        request.getHeaders().getValuesList(ClientAddress.FORWARDED_FOR)),
                request.getMethod(),
                request.getHttpURI().getPath(),
                response.getStatus(),
                Response.getContentBytesWritten(response),
                (System.nanoTime() - request.getBeginNanoTime()) / 1e6f,
                response.getHeaders().get(RequestLog.REQUEST_ID));
        sink.accept(format == LogFormat.JSON ? line.json(zone) : line.text(zone));
    }

    /** Writes what is queued for the file, and closes it. */
    @Override
    public void close() throws Exception {
        closer.close();
    }
}
