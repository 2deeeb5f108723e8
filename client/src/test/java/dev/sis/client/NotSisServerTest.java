package dev.sis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A URL that is not a sis server (a web server answering pages), and no server at all: the
 * client says so instead of failing obscurely. The sis server's own answers are tested in the
 * server module, against the real server.
 */
class NotSisServerTest {
    private static final String MD5 = "0123456789abcdef0123456789abcdef";
    private HttpServer web;

    @BeforeEach
    void start() throws IOException {
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] page = "<html>a page</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/up") ? 404 : 200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
    }

    @AfterEach
    void stop() {
        web.stop(0);
    }

    @Test
    void aPageInsteadOfJsonIsAServerError() {
        try (SisClient sis = SisClient.builder("http://127.0.0.1:" + web.getAddress().getPort()).build()) {
            assertThatThrownBy(() -> sis.upload(Upload.of("a.png", new byte[] {1})))
                    .isInstanceOf(ServerErrorException.class).hasMessageContaining("is not the JSON sis sends");
            assertThatThrownBy(() -> sis.info(MD5)).isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("is not the JSON sis sends");
        }
    }

    @Test
    void aMissingUploadRouteAsksWhetherThisIsSis() {
        try (SisClient sis = SisClient.builder("http://127.0.0.1:" + web.getAddress().getPort()).mode(ApiMode.LEGACY).build()) {
            assertThatThrownBy(() -> sis.upload(Upload.of("a.png", new byte[] {1})))
                    .isInstanceOfSatisfying(ServerErrorException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.serverMessage()).isEqualTo("<html>a page</html>");
                    }).hasMessageContaining("is this a sis server?");
        }
    }

    @Test
    void aStreamIsClosedEvenWhenTheUploadNeverStarted() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream stream = new ByteArrayInputStream(new byte[] {1}) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        try (SisClient sis = SisClient.builder("http://127.0.0.1:" + closedPort).build()) {
            assertThatThrownBy(() -> sis.upload(Upload.of("a.png", stream))).isInstanceOf(ConnectionFailedException.class)
                    .hasMessageContaining("cannot reach sis at http://127.0.0.1:" + closedPort);
        }
        assertThat(closed).isTrue();
    }
}
