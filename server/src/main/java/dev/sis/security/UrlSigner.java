package dev.sis.security;

import dev.sis.client.UrlSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Signs and verifies variant URLs. The canonical form and the HMAC are the client library's
 * {@link UrlSignature}, so the server and every client sign one way; this class adds the
 * constant-time check. Thread-safe.
 */
public final class UrlSigner {
    public static final String PARAM = UrlSignature.PARAM;
    private final UrlSignature signature;

    public UrlSigner(String key) {
        this.signature = new UrlSignature(key);
    }

    /** The signature of a path and its query parameters (decoded values; {@code sig} and {@code token} are ignored). */
    public String sign(String path, Map<String, List<String>> query) {
        return signature.sign(path, query);
    }

    /** Whether {@code signature} is the signature of this path and query; constant-time. */
    public boolean verify(String path, Map<String, List<String>> query, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(path, query).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Signs a URL written as a path with a query ({@code /v1/images/…?w=100}) and returns it
     * with {@code sig} appended, in canonical form.
     */
    public String signUrl(String pathAndQuery) {
        return signature.signUrl(pathAndQuery);
    }

    static String canonical(String path, Map<String, List<String>> query) {
        return UrlSignature.canonical(path, query);
    }

    @Override
    public String toString() {
        return "UrlSigner[key hidden]";
    }
}
