package dev.sis.client;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a variant URL, imgproxy-style: {@code sig} is the unpadded base64url
 * HMAC-SHA256 of the canonical path and query. Canonical means: the path's segments decoded and
 * re-encoded one way, the query's parameters other than {@code sig} and {@code token} sorted by
 * name then value and encoded the same way. So a URL signed here stays valid however a client
 * re-encodes it.
 *
 * <p>This is the one implementation: the server checks signatures with it too, so a client and
 * the server cannot disagree. Immutable and thread-safe.
 */
public final class UrlSignature {
    /** The query parameter that carries the signature. */
    public static final String PARAM = "sig";
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    /** @param key the server's {@code --signing-key}; not empty */
    public UrlSignature(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a signing key must not be empty");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature of a path and its query parameters (decoded values; {@code sig} and {@code token} are ignored). */
    public String sign(String path, Map<String, List<String>> query) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(canonical(path, query).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK provides " + ALGORITHM, e);
        }
    }

    /**
     * Signs a URL written as a path with a query ({@code /v1/images/…?w=100}) and returns it in
     * canonical form with {@code sig} appended.
     */
    public String signUrl(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, List<String>> query = parseQuery(q < 0 ? "" : pathAndQuery.substring(q + 1));
        String canonical = canonical(path, query);
        return canonical + (canonical.contains("?") ? "&" : "?") + PARAM + "=" + sign(path, query);
    }

    /** The text that is signed: see the class comment. */
    public static String canonical(String path, Map<String, List<String>> query) {
        // URLDecoder reads '+' as a space, which is right in a query but not in a path.
        StringBuilder out = new StringBuilder(Arrays.stream(path.split("/", -1))
                .map(segment -> encode(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("/")));
        List<String[]> pairs = new ArrayList<>();
        query.forEach((name, values) -> {
            if (!name.equals(PARAM) && !name.equals("token")) {
                values.forEach(v -> pairs.add(new String[] {name, v}));
            }
        });
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        for (int i = 0; i < pairs.size(); i++) {
            out.append(i == 0 ? '?' : '&').append(encode(pairs.get(i)[0])).append('=').append(encode(pairs.get(i)[1]));
        }
        return out.toString();
    }

    /** A URL query ({@code a=1&b=2}, without the {@code ?}) as decoded names and values, in order. */
    public static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** Percent-encodes one path segment or query component (a space is %20, never +). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~");
    }

    @Override
    public String toString() {
        return "UrlSignature[key hidden]";
    }
}
