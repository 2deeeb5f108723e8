package dev.sis.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets up a {@link SisClient}: {@code SisClient.builder("http://localhost:3333").uploadToken(t).build()}.
 * Every setting is optional. Not thread-safe; the client it builds is.
 */
public final class SisClientBuilder {
    static final String NOT_A_SERVER = "the server must be an http or https URL with a host, like http://localhost:3333";
    private final URI base;
    private ApiMode mode = ApiMode.V1;
    private String uploadToken;
    private String adminToken;
    private String signingKey;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(5);
    private HttpClient httpClient;

    SisClientBuilder(URI base) {
        Objects.requireNonNull(base, "baseUri");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException(NOT_A_SERVER + ", got \"" + base + "\"");
        }
        this.base = base;
    }

    /** {@link ApiMode#V1} (the default) or {@link ApiMode#LEGACY} for a sis 2.0 server. */
    public SisClientBuilder mode(ApiMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** Sent with every upload ({@code Authorization: Bearer …}); the server's {@code --upload-token}. */
    public SisClientBuilder uploadToken(String token) {
        this.uploadToken = secret(token, "upload token");
        return this;
    }

    /** Sent with every delete; the server's {@code --admin-token}. */
    public SisClientBuilder adminToken(String token) {
        this.adminToken = secret(token, "admin token");
        return this;
    }

    /** The server's {@code --signing-key}: variant URLs are then signed. */
    public SisClientBuilder signingKey(String key) {
        this.signingKey = secret(key, "signing key");
        return this;
    }

    /** How long connecting may take (default 10 s); ignored when an HTTP client is given. */
    public SisClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connect timeout");
        return this;
    }

    /** How long the server may take to answer one request, the upload included (default 5 min). */
    public SisClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "request timeout");
        return this;
    }

    /**
     * The JDK HTTP client to send with (for a proxy, TLS settings, an executor…). The caller
     * keeps it and closes it; by default the client makes one and closes it in {@link SisClient#close()}.
     */
    public SisClientBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "client");
        return this;
    }

    public SisClient build() {
        ClientSettings settings = new ClientSettings(mode, Optional.ofNullable(uploadToken), Optional.ofNullable(adminToken),
                Optional.ofNullable(signingKey).map(UrlSignature::new), requestTimeout);
        if (httpClient != null) {
            return new SisClient(base, settings, httpClient, false);
        }
        HttpClient made = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new SisClient(base, settings, made, true);
    }

    private static String secret(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be empty");
        }
        return value;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, got " + d);
        }
        return d;
    }
}
